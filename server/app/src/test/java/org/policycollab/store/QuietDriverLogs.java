package org.policycollab.store;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The driver and the embedded server log every connection and index at INFO (and warn about indexes
 * they ignore); in tests that start dozens of servers this buries the results. Warnings and up from
 * the driver, errors from the server, are still shown, except the server's report of each client that
 * hung up (a stack trace per closed connection).
 */
public final class QuietDriverLogs implements BeforeAllCallback {
  // Held here: java.util.logging keeps loggers weakly, and would forget the levels set on them.
  private static final List<Logger> QUIETED =
      List.of(
          Logger.getLogger("org.mongodb.driver"),
          Logger.getLogger("de.bwaldvogel.mongo"),
          Logger.getLogger("de.bwaldvogel.mongo.wire.MongoExceptionHandler"));

  @Override
  public void beforeAll(ExtensionContext context) {
    QUIETED.get(0).setLevel(Level.WARNING);
    QUIETED.get(1).setLevel(Level.SEVERE);
    QUIETED.get(2).setLevel(Level.OFF);
  }
}
