package org.policycollab.store;

import java.nio.file.Path;

class EmbeddedH2StoreTest extends DocumentStoreContract
    implements SnapshotContract, SharedbMongoDataContract {
  @Override
  EmbeddedMongo start(Path dataDir) {
    return EmbeddedMongo.startH2(dataDir);
  }

  @Override
  boolean readsOpsByVersion() {
    return true; // as Stores opens it
  }
}
