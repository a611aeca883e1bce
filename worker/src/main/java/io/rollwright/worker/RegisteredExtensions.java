package io.rollwright.worker;

import io.rollwright.activities.ExtensionSet;
import io.rollwright.activities.metrics.MetricProvider;
import io.rollwright.activities.preflight.PreflightCheck;
import io.rollwright.activities.traffic.TrafficRouter;
import io.rollwright.activities.traffic.WorkloadManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Every extension the worker registers, from all its extension sets. A name offered by two sets
 * stops the worker rather than letting one silently replace the other.
 *
 * @param routers traffic routers by name
 * @param workloads workload managers by the name of their router
 * @param providers metric providers by name
 * @param preflightChecks the pre-flight checks the sets add to the built-in ones
 */
record RegisteredExtensions(
    Map<String, TrafficRouter> routers,
    Map<String, WorkloadManager> workloads,
    Map<String, MetricProvider> providers,
    List<PreflightCheck> preflightChecks) {

  static RegisteredExtensions of(List<ExtensionSet> sets) {
    List<PreflightCheck> checks = new ArrayList<>();
    sets.forEach(set -> checks.addAll(set.preflightChecks()));
    return new RegisteredExtensions(
        merged("traffic router", sets, ExtensionSet::routers),
        merged("workload manager", sets, ExtensionSet::workloads),
        merged("metric provider", sets, ExtensionSet::providers),
        List.copyOf(checks));
  }

  private static <T> Map<String, T> merged(
      String kind, List<ExtensionSet> sets, Function<ExtensionSet, Map<String, T>> part) {
    Map<String, T> all = new TreeMap<>();
    for (ExtensionSet set : sets) {
      part.apply(set)
          .forEach(
              (name, extension) -> {
                if (all.putIfAbsent(name, extension) != null) {
                  throw new IllegalStateException(
                      "two extension sets offer a " + kind + " named '" + name + "'");
                }
              });
    }
    return Map.copyOf(all);
  }
}
