package io.rollwright.activities.metrics;

import io.rollwright.analysis.Measurement;
import io.rollwright.policy.AnalysisCheck;
import io.rollwright.policy.Violations;

/** Reads metrics of a service's tracks from a monitoring system. */
public interface MetricProvider {
  /**
   * Reads one value. No data (an empty result, NaN) is {@link Measurement#none}; the provider being
   * unreachable or failing throws, so the caller can retry and report it.
   */
  Measurement measure(MetricQuery query);

  /**
   * Adds to {@code v} every rule an analysis check, written at {@code field}, breaks for this
   * provider: a metric it has no query for, a custom query it cannot run. None by default.
   */
  default void checkQuery(String field, AnalysisCheck check, Violations v) {}
}
