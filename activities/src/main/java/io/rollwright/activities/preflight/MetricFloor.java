package io.rollwright.activities.preflight;

import io.rollwright.activities.Registry;
import io.rollwright.activities.metrics.MetricProvider;
import io.rollwright.activities.metrics.MetricQuery;
import io.rollwright.activities.metrics.Track;
import io.rollwright.analysis.Measurement;
import io.rollwright.analysis.Metric;
import io.rollwright.api.PreflightResult;
import io.rollwright.api.ResolvedRelease;
import java.time.Duration;

/** The shared step of metric-based checks: read one metric of one service and compare it with a floor. */
final class MetricFloor {
  private static final Duration WINDOW = Duration.ofMinutes(15);

  private MetricFloor() {}

  static PreflightResult check(Registry<MetricProvider> providers, ResolvedRelease release, String check,
      String service, Metric metric, Track track, double min, long now) {
    MetricProvider provider = providers.get(release.policy().analysis().provider());
    Measurement m = provider.measure(new MetricQuery(service, release.request().environment(), metric.id, track, WINDOW, 0, now));
    String label = metric.id + (service.equals(release.request().service()) ? "" : " of " + service);
    if (!m.present()) {
      return new PreflightResult(check, false, label + ": no data (" + m.missing() + ")");
    }
    boolean ok = m.value() >= min;
    return new PreflightResult(check, ok, label + " " + metric.unit.format(m.value()) + (ok ? " ≥ " : " < ") + metric.unit.format(min));
  }
}
