package org.policycollab.store;

import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteConcernException;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Tells a store that could not be reached (or answered too late, or was changing its primary) from a
 * store that refused what it was sent. Only the first is worth trying again: the same write would meet
 * the same refusal forever, and a document waiting on it would take no more edits.
 */
public final class StoreErrors {
  private StoreErrors() {}

  /** Whether the failed call may succeed if made again unchanged. */
  public static boolean isTransient(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof MongoSocketException
          || cause instanceof MongoTimeoutException
          || cause instanceof MongoExecutionTimeoutException
          || cause instanceof MongoConnectionPoolClearedException
          || cause instanceof MongoNotPrimaryException
          || cause instanceof MongoNodeIsRecoveringException
          // The write may have landed: trying again meets the commit guard, and the owner finds it.
          || cause instanceof MongoWriteConcernException
          || cause instanceof IOException
          || cause instanceof UncheckedIOException) {
        return true;
      }
      if (cause instanceof MongoException mongo
          && (mongo.hasErrorLabel(MongoException.TRANSIENT_TRANSACTION_ERROR_LABEL)
              || mongo.hasErrorLabel("RetryableWriteError"))) {
        return true;
      }
    }
    return false;
  }
}
