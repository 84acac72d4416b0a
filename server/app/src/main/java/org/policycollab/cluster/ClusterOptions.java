package org.policycollab.cluster;

import java.nio.file.Path;
import java.util.List;

/**
 * How a node joins its cluster: the Hazelcast port it listens on, the members it looks for (TCP/IP,
 * never multicast unless a config file turns it on), the address it tells the others, or a Hazelcast
 * XML/YAML file that replaces all of that. {@link #NONE} is a single node without Hazelcast.
 *
 * @param members {@code host:port} (or {@code host}) of other members; may include this node
 * @param host the address other members reach this node at; {@code null} lets Hazelcast choose
 * @param configFile a Hazelcast XML or YAML file used instead of the settings above; may be {@code null}
 */
public record ClusterOptions(boolean enabled, List<String> members, int port, String host, Path configFile) {
  public static final int DEFAULT_PORT = 5701;
  public static final ClusterOptions NONE = new ClusterOptions(false, List.of(), DEFAULT_PORT, null, null);

  public ClusterOptions {
    members = List.copyOf(members);
  }
}
