package io.rollwright.activities.metrics;

import java.time.Duration;

/**
 * One metric of one track of a service, over {@code window} ending at {@code atMillis}. {@code
 * canarySinceMillis} is when the canary started serving (0 before there is one). {@code custom} is
 * a policy's own query for the metric, or null for the provider's.
 */
public record MetricQuery(
    String service,
    String environment,
    String metric,
    Track track,
    Duration window,
    long canarySinceMillis,
    long atMillis,
    String custom) {

  public MetricQuery(
      String service,
      String environment,
      String metric,
      Track track,
      Duration window,
      long canarySinceMillis,
      long atMillis) {
    this(service, environment, metric, track, window, canarySinceMillis, atMillis, null);
  }
}
