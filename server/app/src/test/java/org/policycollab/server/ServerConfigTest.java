package org.policycollab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ServerConfigTest {

  @Test
  @DisplayName("without flags: port 8080 on all addresses, the embedded store in ./data")
  void defaults() {
    ServerConfig config = ServerConfig.parse(new String[0], Map.of());
    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.host()).isEqualTo("0.0.0.0");
    assertThat(config.dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
    assertThat(config.inMemory()).isFalse();
    assertThat(config.mongoUri()).isNull();
    assertThat(config.eventLoops()).isEqualTo(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
  }

  @Test
  @DisplayName("environment variables set what flags do, and flags win")
  void environmentAndFlags() {
    Map<String, String> env = Map.of("COLLAB_PORT", "9000", "COLLAB_HOST", "127.0.0.1", "COLLAB_MONGO_URI", "mongodb://db/x");
    ServerConfig fromEnv = ServerConfig.parse(new String[0], env);
    assertThat(fromEnv.port()).isEqualTo(9000);
    assertThat(fromEnv.host()).isEqualTo("127.0.0.1");
    assertThat(fromEnv.mongoUri()).isEqualTo("mongodb://db/x");
    ServerConfig flagged = ServerConfig.parse(new String[] {"--port", "9100", "--data-dir=/tmp/d"}, env);
    assertThat(flagged.port()).isEqualTo(9100);
    assertThat(flagged.dataDir()).isEqualTo(Path.of("/tmp/d"));
    assertThat(ServerConfig.parse(new String[] {"--in-memory"}, Map.of()).inMemory()).isTrue();
    assertThat(ServerConfig.parse(new String[] {"--event-loops", "3"}, Map.of("COLLAB_EVENT_LOOPS", "2")).eventLoops()).isEqualTo(3);
    assertThat(ServerConfig.parse(new String[0], Map.of("COLLAB_EVENT_LOOPS", "2")).eventLoops()).isEqualTo(2);
  }

  @Test
  @DisplayName("bad flags are refused with a message saying what is wrong")
  void badFlags() {
    assertThatThrownBy(() -> ServerConfig.parse(new String[] {"--port", "http"}, Map.of()))
        .hasMessageContaining("--port must be a number");
    assertThatThrownBy(() -> ServerConfig.parse(new String[] {"--colour"}, Map.of()))
        .hasMessageContaining("unknown option --colour");
    assertThatThrownBy(() -> ServerConfig.parse(new String[] {"--port"}, Map.of()))
        .hasMessageContaining("--port needs a value");
    assertThatThrownBy(() -> ServerConfig.parse(new String[] {"--in-memory", "--mongo-uri", "mongodb://x"}, Map.of()))
        .hasMessageContaining("exclude each other");
    assertThatThrownBy(() -> ServerConfig.parse(new String[] {"--mongo-uri", "postgres://x"}, Map.of()))
        .hasMessageContaining("mongodb://");
    assertThatThrownBy(() -> ServerConfig.parse(new String[] {"--event-loops", "0"}, Map.of()))
        .hasMessageContaining("--event-loops must be a number from 1 to 256");
  }

  @Test
  @DisplayName("--help lists every flag with its environment variable")
  void help() {
    String help = ServerConfig.help();
    for (String flag : new String[] {"--port", "--host", "--data-dir", "--in-memory", "--mongo-uri", "--event-loops", "--help"}) {
      assertThat(help).contains(flag);
    }
    assertThat(help).contains("COLLAB_PORT", "COLLAB_HOST", "COLLAB_DATA_DIR", "COLLAB_MONGO_URI");
    assertThat(ServerConfig.wantsHelp(new String[] {"--help"})).isTrue();
  }

  @Test
  @DisplayName("--cluster: members, port and host from flags or environment; nothing without --cluster")
  void cluster() {
    ServerConfig single = ServerConfig.parse(new String[0], Map.of());
    assertThat(single.cluster().enabled()).isFalse();
    ServerConfig node = ServerConfig.parse(
        new String[] {"--cluster", "--mongo-uri", "mongodb://db/x", "--cluster-members", "a:5701, b:5702,c", "--cluster-port", "5702"},
        Map.of("COLLAB_CLUSTER_HOST", "b"));
    assertThat(node.cluster().enabled()).isTrue();
    assertThat(node.cluster().members()).containsExactly("a:5701", "b:5702", "c");
    assertThat(node.cluster().port()).isEqualTo(5702);
    assertThat(node.cluster().host()).isEqualTo("b");
    ServerConfig fromEnv = ServerConfig.parse(
        new String[0], Map.of("COLLAB_CLUSTER", "true", "COLLAB_MONGO_URI", "mongodb://db/x"));
    assertThat(fromEnv.cluster().enabled()).isTrue();
    assertThat(fromEnv.cluster().port()).isEqualTo(5701);
  }

  @Test
  @DisplayName("cluster flags that cannot work are refused with a message that says why")
  void badClusterFlags() {
    assertThatThrownBy(() -> ServerConfig.parse(new String[] {"--cluster"}, Map.of()))
        .hasMessageContaining("--cluster needs a MongoDB all nodes share");
    assertThatThrownBy(() -> ServerConfig.parse(new String[] {"--cluster-members", "a:1"}, Map.of()))
        .hasMessageContaining("--cluster-members needs --cluster");
    assertThatThrownBy(() -> ServerConfig.parse(
            new String[] {"--cluster", "--mongo-uri", "mongodb://db/x", "--cluster-members", "a:1;rm -rf"}, Map.of()))
        .hasMessageContaining("host:port");
    assertThatThrownBy(() -> ServerConfig.parse(
            new String[] {"--cluster", "--mongo-uri", "mongodb://db/x", "--cluster-port", "70000"}, Map.of()))
        .hasMessageContaining("--cluster-port must be a number from 1 to 65535");
    assertThatThrownBy(() -> ServerConfig.parse(
            new String[] {"--cluster", "--mongo-uri", "mongodb://db/x", "--cluster-config", "/nonexistent/hz.xml"}, Map.of()))
        .hasMessageContaining("cannot read");
    assertThatThrownBy(() -> ServerConfig.parse(new String[] {"--cluster=maybe"}, Map.of()))
        .hasMessageContaining("--cluster takes true or false");
  }

  @Test
  @DisplayName("--allowed-origins: a list of scheme://host[:port]; anything else is refused")
  void allowedOrigins() {
    assertThat(ServerConfig.parse(new String[0], Map.of()).allowedOrigins()).isEmpty();
    assertThat(ServerConfig.parse(new String[] {"--allowed-origins", "https://a.example, http://localhost:5173"}, Map.of())
            .allowedOrigins())
        .containsExactly("https://a.example", "http://localhost:5173");
    assertThatThrownBy(() -> ServerConfig.parse(new String[] {"--allowed-origins", "*"}, Map.of()))
        .hasMessageContaining("scheme://host[:port]");
    assertThatThrownBy(() -> ServerConfig.parse(new String[] {"--allowed-origins", "https://a.example/path"}, Map.of()))
        .hasMessageContaining("scheme://host[:port]");
  }
}
