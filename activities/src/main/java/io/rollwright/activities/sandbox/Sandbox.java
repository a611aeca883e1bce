package io.rollwright.activities.sandbox;

import io.rollwright.activities.ExtensionSet;
import io.rollwright.activities.base.ActivityClock;
import io.rollwright.activities.metrics.MetricProvider;
import io.rollwright.activities.metrics.sandbox.SandboxMetrics;
import io.rollwright.activities.traffic.TrafficRouter;
import io.rollwright.activities.traffic.WorkloadManager;
import io.rollwright.activities.traffic.sandbox.SandboxCluster;
import io.rollwright.activities.traffic.sandbox.SandboxRouter;
import io.rollwright.activities.traffic.sandbox.SandboxWorkloads;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The sandbox extension set under the name {@code sandbox}: a release runs with no cluster and no
 * Prometheus, its traffic actions logged and its metrics synthetic. For the demo and tests only.
 */
public final class Sandbox implements ExtensionSet {
  public static final String NAME = "sandbox";

  private final SandboxCluster cluster;
  private final SandboxMetrics metrics;

  public Sandbox(ActivityClock clock) {
    cluster = new SandboxCluster(clock);
    metrics = new SandboxMetrics();
  }

  /**
   * A sandbox whose cluster keeps its log in {@code journal} and takes {@code delay} per action.
   */
  public Sandbox(ActivityClock clock, Path journal, Duration delay) {
    this(clock, journal, delay, Duration.ZERO);
  }

  /**
   * As {@link #Sandbox(ActivityClock, Path, Duration)}, each metric read also taking {@code
   * measureDelay}.
   */
  public Sandbox(ActivityClock clock, Path journal, Duration delay, Duration measureDelay) {
    cluster = new SandboxCluster(clock, journal, delay);
    metrics = new SandboxMetrics(clock, measureDelay);
  }

  public SandboxCluster cluster() {
    return cluster;
  }

  public SandboxMetrics metrics() {
    return metrics;
  }

  @Override
  public Map<String, TrafficRouter> routers() {
    return Map.of(NAME, new SandboxRouter(cluster));
  }

  @Override
  public Map<String, WorkloadManager> workloads() {
    return Map.of(NAME, new SandboxWorkloads(cluster));
  }

  @Override
  public Map<String, MetricProvider> providers() {
    return Map.of(NAME, metrics);
  }
}
