package org.policycollab.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds a {@link Membership} from Hazelcast. A node serves documents from when it {@link #announce}s
 * itself (its document hub is listening) until it {@link #withdraw}s or leaves the cluster; Hazelcast
 * membership alone would route documents to a node whose hub is not up yet. The serving nodes are a
 * Hazelcast map, each with the HTTP address it serves at, for {@code /health}.
 */
public final class HazelcastMembership {
  static final String SERVING_MAP = "collab.serving-nodes";
  /** Where vertx-hazelcast keeps a member's Vert.x node id. */
  private static final String NODE_ID_ATTRIBUTE = "__vertx.nodeId";
  private static final Logger LOG = LoggerFactory.getLogger(HazelcastMembership.class);

  private final HazelcastInstance hazelcast;
  private final Membership membership;
  private final IMap<String, String> serving;
  private final Map<String, String> servingNodes = new ConcurrentHashMap<>();
  private volatile Set<String> liveNodes = Set.of();

  private HazelcastMembership(HazelcastClusterManager manager) {
    this.hazelcast = manager.getHazelcastInstance();
    this.membership = Membership.clustered(manager.getNodeId());
    this.serving = hazelcast.getMap(SERVING_MAP);
  }

  static Future<HazelcastMembership> start(Vertx vertx, HazelcastClusterManager manager) {
    HazelcastMembership started = new HazelcastMembership(manager);
    // Listener registration and the first read talk to other members: not on an event loop.
    return vertx.executeBlocking(() -> {
      started.listen();
      return started;
    });
  }

  public Membership membership() {
    return membership;
  }

  /** The serving nodes with their HTTP addresses, and the cluster's members (serving or not). */
  public Map<String, Object> describe() {
    Map<String, Object> description = new HashMap<>();
    Map<String, String> nodes = new TreeMap<>();
    for (String node : membership.nodes()) {
      nodes.put(node, servingNodes.getOrDefault(node, ""));
    }
    description.put("self", membership.self());
    description.put("serving", nodes);
    description.put("members", liveNodes.size());
    return description;
  }

  /** The address Hazelcast uses for this member, for telling where this node's HTTP edge is. */
  public String memberHost() {
    return hazelcast.getCluster().getLocalMember().getAddress().getHost();
  }

  /** Starts serving documents: the others route to this node from now on. */
  public Future<Void> announce(String httpAddress) {
    servingNodes.put(membership.self(), httpAddress);
    recompute();
    return Future.fromCompletionStage(serving.putAsync(membership.self(), httpAddress)).mapEmpty();
  }

  /** Stops serving documents (a clean shutdown): the others take this node's documents over. */
  public Future<Void> withdraw() {
    servingNodes.remove(membership.self());
    recompute();
    return Future.fromCompletionStage(serving.removeAsync(membership.self())).mapEmpty();
  }

  private void listen() {
    hazelcast.getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent event) {
        onMembers(event.getMembers(), null);
      }

      @Override
      public void memberRemoved(MembershipEvent event) {
        onMembers(event.getMembers(), nodeId(event.getMember()));
      }
    });
    serving.addEntryListener(new ServingListener(), true);
    servingNodes.putAll(serving);
    onMembers(hazelcast.getCluster().getMembers(), null);
  }

  private final class ServingListener
      implements EntryAddedListener<String, String>, EntryRemovedListener<String, String> {
    @Override
    public void entryAdded(EntryEvent<String, String> event) {
      servingNodes.put(event.getKey(), event.getValue());
      recompute();
    }

    @Override
    public void entryRemoved(EntryEvent<String, String> event) {
      servingNodes.remove(event.getKey());
      recompute();
    }
  }

  private void onMembers(Collection<Member> members, String gone) {
    Set<String> live = new HashSet<>();
    for (Member member : members) {
      String node = nodeId(member);
      if (node != null) {
        live.add(node);
      }
    }
    liveNodes = Set.copyOf(live);
    if (gone != null) {
      LOG.info("cluster node {} left; {} member(s) remain", gone, live.size());
      // A node killed outright never withdraws: any survivor may clear its entry, and all try.
      serving.removeAsync(gone);
    }
    recompute();
  }

  private synchronized void recompute() {
    Set<String> nodes = new HashSet<>(servingNodes.keySet());
    nodes.retainAll(liveNodes);
    membership.update(nodes);
  }

  private static String nodeId(Member member) {
    return member.getAttribute(NODE_ID_ATTRIBUTE);
  }
}
