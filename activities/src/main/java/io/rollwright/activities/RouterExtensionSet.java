package io.rollwright.activities;

import io.rollwright.activities.preflight.PreflightCheck;
import io.rollwright.activities.traffic.TrafficRouter;
import io.rollwright.activities.traffic.WorkloadManager;
import java.util.List;
import java.util.Map;

/**
 * The extension set of a platform with one router: the router and its workload manager under {@code
 * name}, and its pre-flight check.
 */
public record RouterExtensionSet(
    String name, TrafficRouter router, WorkloadManager manager, PreflightCheck check)
    implements ExtensionSet {
  @Override
  public Map<String, TrafficRouter> routers() {
    return Map.of(name, router);
  }

  @Override
  public Map<String, WorkloadManager> workloads() {
    return Map.of(name, manager);
  }

  @Override
  public List<PreflightCheck> preflightChecks() {
    return List.of(check);
  }
}
