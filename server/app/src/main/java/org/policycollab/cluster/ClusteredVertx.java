package org.policycollab.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MultiMapConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Pattern;

/** Starts Vert.x as a member of a Hazelcast cluster, configured from {@link ClusterOptions}. */
public final class ClusteredVertx {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private ClusteredVertx() {}

  /** A clustered Vert.x and the membership of the nodes serving documents in its cluster. */
  public record Started(Vertx vertx, HazelcastMembership membership) {}

  public static Future<Started> start(
      VertxOptions vertxOptions, io.vertx.core.spi.VertxMetricsFactory metrics, ClusterOptions options) {
    Config config;
    try {
      config = hazelcastConfig(options);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    HazelcastClusterManager manager = new HazelcastClusterManager(config);
    if (options.configFile() == null && options.host() != null) {
      // The event bus listens on, and gives the others, the same address as Hazelcast.
      vertxOptions.getEventBusOptions().setHost(options.host());
    }
    return Vertx.builder()
        .with(vertxOptions)
        .withMetrics(metrics)
        .withClusterManager(manager)
        .buildClustered()
        .compose(vertx -> HazelcastMembership.start(vertx, manager)
            .map(membership -> new Started(vertx, membership))
            .recover(error -> vertx.close().transform(v -> Future.failedFuture(error))));
  }

  /**
   * The Hazelcast config: the given file, or Vert.x's defaults with a TCP/IP member list and no
   * multicast. Either way the maps Vert.x needs are present, the product does not call home (there may
   * be no internet), a member that stops answering is dropped after a few seconds instead of the
   * default minute, so its documents move while the people editing them are still waiting, and split
   * clusters merge after seconds, not minutes.
   */
  static Config hazelcastConfig(ClusterOptions options) {
    Config config;
    if (options.configFile() != null) {
      try {
        config = Config.loadFromFile(options.configFile().toFile());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + options.configFile(), e);
      }
    } else {
      config = ConfigUtil.loadConfig();
      config.setClusterName("policy-collab");
      NetworkConfig network = config.getNetworkConfig();
      network.setPort(options.port()).setPortAutoIncrement(false);
      if (options.host() != null) {
        network.setPublicAddress(options.host() + ":" + options.port());
        if (IPV4.matcher(options.host()).matches()) {
          network.getInterfaces().setEnabled(true).addInterface(options.host());
        }
      }
      var join = network.getJoin();
      join.getMulticastConfig().setEnabled(false);
      join.getAutoDetectionConfig().setEnabled(false);
      join.getTcpIpConfig().setEnabled(true).setMembers(options.members());
    }
    if (!config.getMultiMapConfigs().containsKey("__vertx.subs")) {
      config.addMultiMapConfig(new MultiMapConfig("__vertx.subs")
          .setBackupCount(1)
          .setValueCollectionType(MultiMapConfig.ValueCollectionType.SET));
    }
    for (String map : new String[] {"__vertx.haInfo", "__vertx.nodeInfo", HazelcastMembership.SERVING_MAP}) {
      if (!config.getMapConfigs().containsKey(map)) {
        config.addMapConfig(new MapConfig(map).setBackupCount(1));
      }
    }
    setIfAbsent(config, "hazelcast.phone.home.enabled", "false");
    setIfAbsent(config, "hazelcast.logging.type", "jdk");
    setIfAbsent(config, "hazelcast.heartbeat.interval.seconds", "1");
    setIfAbsent(config, "hazelcast.max.no.heartbeat.seconds", "6");
    setIfAbsent(config, "hazelcast.wait.seconds.before.join", "1");
    // Nodes that started at the same moment, or a healed network split, form one cluster again within
    // seconds instead of Hazelcast's default five minutes.
    setIfAbsent(config, "hazelcast.merge.first.run.delay.seconds", "10");
    setIfAbsent(config, "hazelcast.merge.next.run.delay.seconds", "10");
    return config;
  }

  private static void setIfAbsent(Config config, String name, String value) {
    if (config.getProperty(name) == null && System.getProperty(name) == null) {
      config.setProperty(name, value);
    }
  }
}
