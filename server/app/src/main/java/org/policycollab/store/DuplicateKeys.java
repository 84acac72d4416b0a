package org.policycollab.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;

/**
 * Recognises a lost race: a duplicate key (code 11000) on a unique index, by the driver's error
 * category, never by the message text.
 */
final class DuplicateKeys {
  private DuplicateKeys() {}

  /** The batch position whose version someone else took, or -1 when it is not a duplicate key. */
  static int takenIndex(Throwable error) {
    if (error instanceof MongoBulkWriteException bulk) {
      return bulk.getWriteErrors().stream()
          .filter(e -> e.getCategory() == ErrorCategory.DUPLICATE_KEY)
          .mapToInt(BulkWriteError::getIndex)
          .min()
          .orElse(-1);
    }
    if (error instanceof MongoWriteException write
        && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
      return 0;
    }
    return -1;
  }

  static boolean isDuplicateKey(Throwable error) {
    return error instanceof MongoWriteException write
        && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
  }
}
