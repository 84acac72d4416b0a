package org.policycollab.cluster;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Which node owns which document: the nodes that serve documents, as this node sees them, and the owner
 * of a key by rendezvous hashing over them. Every node computes owners locally, without a lookup; when a
 * node leaves, only its keys move (each to the survivor that scored next highest), and when one joins it
 * takes a fair share. Nodes that see the same members agree on every owner.
 *
 * <p>Thread-safe: the view is replaced whole on each change, and listeners run on the context they
 * registered from.
 */
public final class Membership {
  /** What changed: the view moved from {@code before} to {@code after} at {@code at} (epoch millis). */
  public record Change(List<String> before, List<String> after, long at) {
    public Set<String> left() {
      Set<String> left = new TreeSet<>(before);
      left.removeAll(after);
      return left;
    }

    public Set<String> joined() {
      Set<String> joined = new TreeSet<>(after);
      joined.removeAll(before);
      return joined;
    }
  }

  /** The serving nodes, sorted, with each one's hash precomputed. */
  private static final class View {
    final List<String> nodes;
    final long[] seeds;

    private View(List<String> nodes) {
      this.nodes = nodes;
      this.seeds = new long[nodes.size()];
      for (int i = 0; i < seeds.length; i++) {
        seeds[i] = hash(nodes.get(i));
      }
    }

    static View of(Collection<String> nodes) {
      return new View(List.copyOf(new TreeSet<>(nodes)));
    }
  }

  private record Listener(Context context, Handler<Change> handler) {}

  private final String self;
  private final boolean clustered;
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private volatile View view;
  /** Written before {@link #view}: whoever sees a view also sees the change that made it. */
  private volatile Change lastChange;

  private Membership(String self, boolean clustered, Collection<String> nodes) {
    this.self = self;
    this.clustered = clustered;
    this.view = View.of(nodes);
  }

  /** A node on its own: it owns everything, and nothing ever changes. */
  public static Membership single() {
    return new Membership("local", false, List.of("local"));
  }

  /** A cluster member that serves no documents until {@link #update} says which nodes do. */
  public static Membership clustered(String self) {
    return new Membership(self, true, List.of());
  }

  public boolean clustered() {
    return clustered;
  }

  /** This node's id (the Vert.x node id in a cluster). */
  public String self() {
    return self;
  }

  /** The nodes serving documents, sorted. */
  public List<String> nodes() {
    return view.nodes;
  }

  /** The node that owns {@code key}; this node while no node serves documents. */
  public String ownerOf(String key) {
    View current = view;
    if (current.nodes.isEmpty()) {
      return self;
    }
    return ownerIn(current, key);
  }

  /** The owner {@code key} had, or would have, among {@code nodes} (an earlier view, say); null if none. */
  public static String ownerAmong(Collection<String> nodes, String key) {
    return nodes.isEmpty() ? null : ownerIn(View.of(nodes), key);
  }

  private static String ownerIn(View current, String key) {
    long keyHash = hash(key);
    int best = 0;
    long bestScore = Long.MIN_VALUE;
    for (int i = 0; i < current.seeds.length; i++) {
      long score = mix(current.seeds[i] ^ keyHash);
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    }
    return current.nodes.get(best);
  }

  /** The change that made the current view; {@code null} before the first. */
  public Change lastChange() {
    return lastChange;
  }

  public boolean owns(String key) {
    return self.equals(ownerOf(key));
  }

  /**
   * Calls {@code handler} on every change of the view, on {@code context}, or at once on the thread that
   * made the change when {@code context} is {@code null} (for thread-safe handlers).
   */
  public void onChange(Context context, Handler<Change> handler) {
    listeners.add(new Listener(context, handler));
  }

  /** Replaces the view; tells the listeners if it moved. */
  public synchronized void update(Collection<String> serving) {
    View before = view;
    View after = View.of(serving);
    if (before.nodes.equals(after.nodes)) {
      return;
    }
    Change change = new Change(before.nodes, after.nodes, System.currentTimeMillis());
    lastChange = change;
    view = after;
    for (Listener listener : new ArrayList<>(listeners)) {
      if (listener.context() == null) {
        listener.handler().handle(change);
      } else {
        listener.context().runOnContext(v -> listener.handler().handle(change));
      }
    }
  }

  /** FNV-1a over the UTF-8 bytes, then mixed: stable across JVMs, unlike {@link String#hashCode}. */
  static long hash(String text) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x100000001b3L;
    }
    return mix(hash);
  }

  /** The SplitMix64 finaliser: spreads every input bit over the whole word. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
