package org.policycollab.store;

/**
 * A commit lost the race for a version: another writer committed it first (the unique {@code {d, v}}
 * index said so). Normal and expected now and then; the owner reloads, transforms and retries.
 */
public class CommitConflictException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CommitConflictException(String docId, long version) {
    super("version " + version + " of " + docId + " is already committed", null, false, false);
  }
}
