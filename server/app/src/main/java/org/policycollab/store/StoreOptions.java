package org.policycollab.store;

import java.nio.file.Path;

/**
 * Where documents are kept: an external MongoDB when {@code mongoUri} is set, else the embedded store
 * in {@code dataDir}, or in memory only when {@code inMemory}.
 */
public record StoreOptions(String mongoUri, Path dataDir, boolean inMemory) {}
