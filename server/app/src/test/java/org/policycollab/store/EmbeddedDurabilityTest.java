package org.policycollab.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real crash: a separate JVM ({@link AckingWriter}) commits to the embedded H2 store and is killed
 * with SIGKILL mid-stream; what it acknowledged must be on disk when the store opens again.
 */
@ExtendWith({VertxExtension.class, QuietDriverLogs.class})
class EmbeddedDurabilityTest {
  private static final int ACKS_BEFORE_KILL = 50;
  private static final Pattern ACK = Pattern.compile("ACK \\d+");

  @TempDir Path dataDir;
  @TempDir Path logDir;

  @Test
  @DisplayName("every op acknowledged before a SIGKILL is there, intact, after a restart")
  void acknowledgedOpsSurviveAKill(Vertx vertx, VertxTestContext test) {
    List<Long> acked = runAndKill("sync");
    check(test, vertx, ops -> {
      assertThat(ops.size()).isGreaterThanOrEqualTo(acked.size());
      for (long version : acked) {
        StoredOp found = ops.get((int) version);
        assertThat(AckingWriter.withIds(found, null, null)).isEqualTo(AckingWriter.expectedOp(version));
      }
      for (int i = 1; i < ops.size(); i++) {
        assertThat(ops.get(i).previousOpId()).isEqualTo(ops.get(i - 1).opId());
      }
    });
  }

  @Test
  @DisplayName("without the sync, acknowledged ops are lost in the same crash")
  void withoutTheSyncAcknowledgedOpsAreLost(Vertx vertx, VertxTestContext test) {
    List<Long> acked = runAndKill("nosync");
    check(test, vertx, ops -> assertThat(ops.size()).isLessThan(acked.size()));
  }

  private void check(VertxTestContext test, Vertx vertx, Consumer<List<StoredOp>> assertions) {
    Future<List<StoredOp>> reopened =
        Stores.open(vertx, new StoreOptions(null, dataDir, false))
            .compose(store -> store.ops(DocumentStoreContract.DOCS, AckingWriter.DOC, 0, Long.MAX_VALUE)
                .eventually(store::close));
    StoreFixtures.check(test, reopened, assertions);
  }

  /** The versions the writer acknowledged, including those printed just before it died. */
  private List<Long> runAndKill(String mode) {
    return assertTimeoutPreemptively(Duration.ofSeconds(40), () -> {
      Process writer = new ProcessBuilder(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-cp", System.getProperty("java.class.path"),
              AckingWriter.class.getName(), dataDir.toString(), mode)
          .redirectError(logDir.resolve("writer-" + mode + ".log").toFile())
          .start();
      List<Long> acked = new ArrayList<>();
      try (BufferedReader out = new BufferedReader(
          new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
        readAcks(out, acked, ACKS_BEFORE_KILL);
        // SIGKILL: no shutdown hook, no flush. Through the handle, which (unlike Process.destroy*)
        // leaves our end of its stdout open, to read the acks it printed just before dying.
        writer.toHandle().destroyForcibly();
        readAcks(out, acked, Integer.MAX_VALUE);
      } finally {
        writer.destroyForcibly();
        writer.waitFor(10, TimeUnit.SECONDS);
      }
      assertThat(acked).as("acks before the kill").hasSizeGreaterThanOrEqualTo(ACKS_BEFORE_KILL);
      return acked;
    });
  }

  private static void readAcks(BufferedReader out, List<Long> acked, int until) throws IOException {
    String line;
    while (acked.size() < until && (line = out.readLine()) != null) {
      if (ACK.matcher(line).matches()) {
        acked.add(Long.parseLong(line.substring("ACK ".length())));
      } else {
        // Only the kill may cut a line short; anything else is the writer failing.
        assertThat(until).as("writer said: " + line).isEqualTo(Integer.MAX_VALUE);
      }
    }
  }
}
