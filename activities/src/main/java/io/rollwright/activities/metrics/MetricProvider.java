package io.rollwright.activities.metrics;

import io.rollwright.analysis.Measurement;

/** Reads metrics of a service's tracks from a monitoring system. */
public interface MetricProvider {
  /**
   * Reads one value. No data (an empty result, NaN) is {@link Measurement#none}; the provider being
   * unreachable or failing throws, so the caller can retry and report it.
   */
  Measurement measure(MetricQuery query);
}
