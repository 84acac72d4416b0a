package org.policycollab.accounts;

/**
 * A person who may sign in. {@code username} is the stable id; {@code passwordHash} is what {@link
 * PasswordHasher} wrote, never the password. Sessions begun before {@code sessionsValidFrom} (ms since
 * the epoch) are over: set when the password changes.
 */
public record Account(
    String username,
    String displayName,
    String organisation,
    String country,
    String email,
    String passwordHash,
    boolean admin,
    boolean disabled,
    long createdAt,
    long sessionsValidFrom) {}
