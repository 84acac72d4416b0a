package org.policycollab.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * What {@code /metrics} shows, in Prometheus' text format: Vert.x's own meters (given the same registry
 * through vertx-micrometer-metrics) and the server's: connections, live documents, ops committed,
 * submit-to-ack latency, group-commit batch size, store commit latency, presence messages, messages
 * refused by error code, cluster members. Meters are thread-safe; recording costs a few atomics.
 */
public final class ServerMetrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger liveDocuments = new AtomicInteger();
  private final Counter opsCommitted;
  private final Counter presenceMessages;
  private final Timer submitToAck;
  private final Timer storeCommit;
  private final DistributionSummary batchSize;
  private final ConcurrentHashMap<String, Counter> refused = new ConcurrentHashMap<>();

  private static final ServerMetrics DISCARDED = new ServerMetrics();

  /** Meters nobody reads: for parts built without a server around them (tests, tools). */
  public static ServerMetrics discarded() {
    return DISCARDED;
  }

  public ServerMetrics() {
    Gauge.builder("collab_connections", connections, AtomicInteger::get)
        .description("open ShareDB WebSocket connections").register(registry);
    Gauge.builder("collab_live_documents", liveDocuments, AtomicInteger::get)
        .description("documents loaded by their owners on this node").register(registry);
    opsCommitted = Counter.builder("collab_ops_committed").description("ops committed to the store").register(registry);
    presenceMessages = Counter.builder("collab_presence_messages").description("presence messages from clients").register(registry);
    submitToAck = latency("collab_submit_ack", "from an op's arrival at the server to its acknowledgement");
    storeCommit = latency("collab_store_commit", "one group commit's write to the store, until durable");
    batchSize = DistributionSummary.builder("collab_commit_batch_ops")
        .description("ops written by one group commit")
        .publishPercentileHistogram()
        .minimumExpectedValue(1.0)
        .maximumExpectedValue(1_000.0)
        .register(registry);
  }

  /** A latency histogram from a millisecond to half a minute. */
  private Timer latency(String name, String description) {
    return Timer.builder(name)
        .description(description)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(30))
        .register(registry);
  }

  /** The registry, for Vert.x's metrics factory. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** The cluster's members as this node sees them; registered once the cluster is up. */
  public void clusterMembers(Supplier<Number> members) {
    Gauge.builder("collab_cluster_members", members).description("serving cluster nodes").register(registry);
  }

  /** Edits accepted on this node and not yet durable (waiting for a slow or unreachable store). */
  public void unsavedOps(Supplier<Number> count) {
    Gauge.builder("collab_unsaved_ops", count).description("edits accepted and not yet written to the store").register(registry);
  }

  public void connectionOpened() {
    connections.incrementAndGet();
  }

  public void connectionClosed() {
    connections.decrementAndGet();
  }

  public void documentLoaded() {
    liveDocuments.incrementAndGet();
  }

  public void documentUnloaded() {
    liveDocuments.decrementAndGet();
  }

  /** One group commit of {@code ops} ops, durable after {@code nanos}. */
  public void committed(int ops, long nanos) {
    opsCommitted.increment(ops);
    batchSize.record(ops);
    storeCommit.record(nanos, TimeUnit.NANOSECONDS);
  }

  public void acknowledged(long sinceNanos) {
    submitToAck.record(System.nanoTime() - sinceNanos, TimeUnit.NANOSECONDS);
  }

  public void presenceMessage() {
    presenceMessages.increment();
  }

  /** A client message answered with the error {@code code}. */
  public void refused(String code) {
    refused.computeIfAbsent(code, c -> Counter.builder("collab_refused_messages")
        .description("client messages answered with an error, by code").tag("code", c).register(registry)).increment();
  }

  /** Everything, in the Prometheus text format. */
  public String scrape() {
    return registry.scrape();
  }
}
