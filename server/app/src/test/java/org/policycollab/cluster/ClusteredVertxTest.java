package org.policycollab.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusteredVertxTest {

  @Test
  @DisplayName("the default: TCP/IP members, no multicast, the given port, fast failure detection, no phoning home")
  void defaults() {
    ClusterOptions options =
        new ClusterOptions(true, List.of("10.0.0.1:5701", "10.0.0.2:5701"), 5801, "10.0.0.3", null);
    Config config = ClusteredVertx.hazelcastConfig(options);
    var join = config.getNetworkConfig().getJoin();
    assertThat(join.getMulticastConfig().isEnabled()).isFalse();
    assertThat(join.getAutoDetectionConfig().isEnabled()).isFalse();
    assertThat(join.getTcpIpConfig().isEnabled()).isTrue();
    assertThat(join.getTcpIpConfig().getMembers()).containsExactly("10.0.0.1:5701", "10.0.0.2:5701");
    assertThat(config.getNetworkConfig().getPort()).isEqualTo(5801);
    assertThat(config.getNetworkConfig().isPortAutoIncrement()).isFalse();
    assertThat(config.getNetworkConfig().getPublicAddress()).isEqualTo("10.0.0.3:5801");
    assertThat(config.getProperty("hazelcast.phone.home.enabled")).isEqualTo("false");
    assertThat(config.getProperty("hazelcast.max.no.heartbeat.seconds")).isEqualTo("6");
    assertThat(config.getMultiMapConfigs()).containsKey("__vertx.subs");
  }

  @Test
  @DisplayName("a Hazelcast XML file replaces the defaults, and gets the maps Vert.x needs")
  void file(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("hazelcast.xml");
    Files.writeString(file, """
        <hazelcast xmlns="http://www.hazelcast.com/schema/config">
          <cluster-name>partners</cluster-name>
          <network>
            <port auto-increment="false">6000</port>
            <join>
              <multicast enabled="false"/>
              <tcp-ip enabled="true"><member>db-a:6000</member></tcp-ip>
            </join>
          </network>
          <properties><property name="hazelcast.max.no.heartbeat.seconds">20</property></properties>
        </hazelcast>
        """);
    Config config = ClusteredVertx.hazelcastConfig(new ClusterOptions(true, List.of(), 5701, null, file));
    assertThat(config.getClusterName()).isEqualTo("partners");
    assertThat(config.getNetworkConfig().getPort()).isEqualTo(6000);
    assertThat(config.getNetworkConfig().getJoin().getTcpIpConfig().getMembers()).containsExactly("db-a:6000");
    assertThat(config.getProperty("hazelcast.max.no.heartbeat.seconds")).isEqualTo("20");
    assertThat(config.getMultiMapConfigs()).containsKey("__vertx.subs");
    assertThat(config.getMapConfigs()).containsKey(HazelcastMembership.SERVING_MAP);
  }
}
