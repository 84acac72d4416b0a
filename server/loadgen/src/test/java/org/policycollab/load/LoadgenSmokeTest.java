package org.policycollab.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Every workload at a tiny size against the built server jar, started here as a process of its own
 * (in memory): each must exit 0 and print a RESULT line with sane figures.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoadgenSmokeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSWORD = "loadgen-smoke-admin-password";
  private static final Path SERVER_JAR = Path.of("..", "target", "collab-server.jar");
  /**
   * A recorded trace (CC BY 4.0, not shipped): from {@code COLLAB_TRACES_DIR}, else {@code ../shared/traces}
   * beside the checkout, as the end-to-end suite finds it; the trace case is skipped without one.
   */
  private static final Path TRACE = Path.of(System.getenv().getOrDefault("COLLAB_TRACES_DIR",
          Path.of("..", "..", "..", "shared", "traces").toString()))
      .resolve("sequential_traces").resolve("sveltecomponent.json.gz");

  private static Process server;
  private static String url;

  /** What one run printed, and its exit status. */
  private record Run(int exitCode, String output, JsonNode result) {}

  @BeforeAll
  static void startServer() throws Exception {
    assumeTrue(Files.isRegularFile(SERVER_JAR), "the server jar is not built: " + SERVER_JAR.toAbsolutePath());
    int port = freePort();
    url = "http://127.0.0.1:" + port;
    Path log = Path.of("target", "loadgen-smoke-server.log");
    ProcessBuilder builder = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", SERVER_JAR.toString(),
        "--in-memory", "--host", "127.0.0.1", "--port", Integer.toString(port))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().put("COLLAB_ADMIN_PASSWORD", PASSWORD);
    server = builder.start();
    awaitHealthy(log);
  }

  @AfterAll
  static void stopServer() throws InterruptedException {
    if (server != null) {
      server.destroy();
      if (!server.waitFor(15, TimeUnit.SECONDS)) {
        server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  @Order(1)
  @DisplayName("Idle connections open, stay open, and cost the server memory")
  void idle() {
    Run run = load("idle", "--connections", "50", "--docs", "5", "--hold-seconds", "1",
        "--server-pid", Long.toString(server.pid()));
    assertThat(run.result().path("opened").asLong()).isEqualTo(50);
    assertThat(run.result().path("still_open_after_hold").asLong()).isEqualTo(50);
    assertThat(run.result().path("opens_per_s").asDouble()).isPositive();
    assertThat(run.result().path("heap_per_connection_kb").asDouble()).isPositive();
    assertThat(run.result().has("rss_per_connection_kb")).isTrue();
  }

  @Test
  @Order(2)
  @DisplayName("A trace replays into exactly its text")
  void trace() {
    assumeTrue(Files.isRegularFile(TRACE), "no trace at " + TRACE);
    Run run = load("trace", "--file", TRACE.toString(), "--ops", "300");
    assertThat(run.result().path("matches").asBoolean()).isTrue();
    assertThat(run.result().path("ops_acked").asLong()).isEqualTo(300);
    assertThat(run.result().path("version").asLong()).isEqualTo(301);
    assertThat(run.result().path("ack_p50_ms").asDouble()).isPositive();
  }

  @Test
  @Order(3)
  @DisplayName("Writers on one document are acknowledged and seen by the readers")
  void hot() {
    Run run = load("hot", "--writers", "2", "--seconds", "3");
    assertEdited(run.result());
    assertThat(run.result().path("remote_count").asLong()).isEqualTo(2 * run.result().path("ops_acked").asLong());
  }

  @Test
  @Order(4)
  @DisplayName("Authors on several documents are acknowledged")
  void many() {
    Run run = load("many", "--docs", "3", "--seconds", "3");
    assertEdited(run.result());
    assertThat(run.result().path("authors").asLong()).isEqualTo(9);
  }

  @Test
  @Order(5)
  @DisplayName("A large document is built, opened whole and edited")
  void large() {
    Run run = load("large", "--chars", "200000", "--writers", "2", "--seconds", "2");
    assertThat(run.result().path("snapshot_chars").asLong()).isEqualTo(200_000);
    assertThat(run.result().path("subscribe_ms").asDouble()).isPositive();
    assertEdited(run.result());
  }

  @Test
  @Order(6)
  @DisplayName("A prepared document opens at the version its ops made")
  void coldOpen() {
    Run prepared = load("cold-open", "--phase", "prepare", "--ops", "2000");
    assertThat(prepared.result().path("ops_acked").asLong()).isEqualTo(2000);
    String docId = prepared.result().path("doc").asText();
    assertThat(prepared.output()).contains("doc=" + docId + System.lineSeparator());

    Run opened = load("cold-open", "--phase", "open", "--doc", docId, "--ops", "2000");
    assertThat(opened.result().path("version").asLong()).isEqualTo(2001);
    assertThat(opened.result().path("version_ok").asBoolean()).isTrue();
    assertThat(opened.result().path("cold_subscribe_ms").asDouble()).isPositive();
    assertThat(opened.result().path("warm_subscribe_ms").asDouble()).isPositive();
  }

  @Test
  @Order(7)
  @DisplayName("A soak prints a line a minute and a summary")
  void soak() {
    Run run = load("soak", "--minutes", "2", "--minute-seconds", "2", "--writers", "4", "--docs", "2",
        "--idle", "10", "--server-pid", Long.toString(server.pid()));
    assertEdited(run.result());
    assertThat(run.output().lines().filter(line -> line.startsWith("minute ")).count()).isEqualTo(2);
    assertThat(run.result().path("heap_last_minute_mb").asDouble()).isPositive();
    assertThat(run.result().has("ack_p99_last_third_ms")).isTrue();
  }

  @Test
  @DisplayName("A mistyped option is refused before anything runs")
  void refuseUnknownOption() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    int exit = LoadMain.run(new PrintStream(printed, true, StandardCharsets.UTF_8), Map.of(),
        "--url", "http://127.0.0.1:1", "--password", "x", "hot", "--writer", "2");
    assertThat(exit).isEqualTo(2);
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("unknown option --writer");
  }

  private static void assertEdited(JsonNode result) {
    assertThat(result.path("ops_acked").asLong()).isPositive();
    assertThat(result.path("ops_acked").asLong()).isEqualTo(result.path("ops_sent").asLong());
    assertThat(result.path("ack_p99_ms").asDouble()).isPositive();
    assertThat(result.path("remote_count").asLong()).isPositive();
  }

  /** Runs one workload in this JVM; it must exit 0, and its RESULT line is returned parsed. */
  private static Run load(String workload, String... options) {
    List<String> args = new ArrayList<>(List.of("--url", url, "--user", "admin", "--password", PASSWORD, workload));
    args.addAll(List.of(options));
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    int exit = LoadMain.run(new PrintStream(printed, true, StandardCharsets.UTF_8), Map.of(), args.toArray(String[]::new));
    String output = printed.toString(StandardCharsets.UTF_8);
    System.out.print(output);
    assertThat(exit).as("exit code of %s; it printed:%n%s", workload, output).isZero();
    String resultLine = output.lines().filter(line -> line.startsWith("RESULT ")).findFirst()
        .orElseThrow(() -> new AssertionError("no RESULT line in:\n" + output));
    JsonNode result;
    try {
      result = JSON.readTree(resultLine.substring("RESULT ".length()));
    } catch (IOException e) {
      throw new AssertionError("RESULT is not JSON: " + resultLine, e);
    }
    assertThat(result.path("workload").asText()).isEqualTo(workload);
    assertThat(result.path("errors").asLong()).isZero();
    return new Run(exit, output, result);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Polls {@code /health} until it answers 200, for at most a minute; fails early if the server died. */
  private static void awaitHealthy(Path log) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest health = HttpRequest.newBuilder(URI.create(url + "/health")).timeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!server.isAlive()) {
        throw new AssertionError("the server exited with " + server.exitValue() + ":\n" + Files.readString(log));
      }
      try {
        if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // Not listening yet.
      }
      // Between polls only: the loop ends as soon as the server answers.
      server.waitFor(100, TimeUnit.MILLISECONDS);
    }
    throw new AssertionError("the server did not become healthy within 60 s:\n" + Files.readString(log));
  }
}
