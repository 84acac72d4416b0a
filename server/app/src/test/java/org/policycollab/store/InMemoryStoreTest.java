package org.policycollab.store;

import java.nio.file.Path;

class InMemoryStoreTest extends DocumentStoreContract
    implements SnapshotContract, SharedbMongoDataContract {
  @Override
  EmbeddedMongo start(Path dataDir) {
    return EmbeddedMongo.startInMemory();
  }
}
