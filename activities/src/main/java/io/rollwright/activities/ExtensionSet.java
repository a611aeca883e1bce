package io.rollwright.activities;

import io.rollwright.activities.metrics.MetricProvider;
import io.rollwright.activities.preflight.PreflightCheck;
import io.rollwright.activities.traffic.TrafficRouter;
import io.rollwright.activities.traffic.WorkloadManager;
import java.util.List;
import java.util.Map;

/**
 * Extensions offered together, by the names policies use: traffic routers with their workload
 * managers, metric providers and pre-flight checks. A worker registers those of every set it is
 * given; a set offers none of a kind unless it says otherwise.
 */
public interface ExtensionSet {
  /** Traffic routers by name; each needs a workload manager of the same name. */
  default Map<String, TrafficRouter> routers() {
    return Map.of();
  }

  /** Workload managers by the name of the router they serve. */
  default Map<String, WorkloadManager> workloads() {
    return Map.of();
  }

  /** Metric providers by name. */
  default Map<String, MetricProvider> providers() {
    return Map.of();
  }

  /** Pre-flight checks, each under its own {@link PreflightCheck#name()}. */
  default List<PreflightCheck> preflightChecks() {
    return List.of();
  }
}
