package io.rollwright.activities.preflight;

import io.rollwright.activities.base.ActivityClock;
import io.rollwright.activities.base.Registry;
import io.rollwright.activities.metrics.MetricProvider;
import io.rollwright.activities.metrics.MetricQuery;
import io.rollwright.activities.metrics.Track;
import io.rollwright.analysis.Measurement;
import io.rollwright.api.PreflightResult;
import io.rollwright.api.ResolvedRelease;
import io.rollwright.policy.Metric;
import io.rollwright.policy.PreflightSettings;
import io.rollwright.policy.Violations;
import java.time.Duration;

/**
 * A metric of the service must be at least the policy's {@code min}: {@code quality-gate} (the new
 * version's quality score) and {@code telemetry-health} (the stable version's success rate, so no
 * canary starts into an incident) are both this check on a different metric and track.
 */
public final class MetricFloorCheck implements PreflightCheck {
  private static final Duration WINDOW = Duration.ofMinutes(15);

  private final String name;
  private final Metric metric;
  private final Track track;
  private final Registry<MetricProvider> providers;
  private final ActivityClock clock;

  public MetricFloorCheck(
      String name,
      Metric metric,
      Track track,
      Registry<MetricProvider> providers,
      ActivityClock clock) {
    this.name = name;
    this.metric = metric;
    this.track = track;
    this.providers = providers;
    this.clock = clock;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void checkSettings(String field, PreflightSettings settings, Violations v) {
    if (settings.min() == null) {
      v.add(field + ".min", "is required for " + name + " (a fraction such as 0.85)");
    } else {
      v.within(field + ".min", settings.min(), 0, 1, "");
    }
  }

  @Override
  public PreflightResult run(ResolvedRelease release, PreflightSettings settings) {
    return measure(release, release.request().service(), settings.min());
  }

  /**
   * Reads the metric of {@code service} (the release's own, or another) and compares it with {@code
   * min}.
   */
  PreflightResult measure(ResolvedRelease release, String service, double min) {
    MetricProvider provider = providers.get(release.policy().analysis().provider());
    Measurement m =
        provider.measure(
            new MetricQuery(
                service,
                release.request().environment(),
                metric.id,
                track,
                WINDOW,
                0,
                clock.now()));
    String label =
        metric.id + (service.equals(release.request().service()) ? "" : " of " + service);
    if (!m.present()) {
      return new PreflightResult(name, false, label + ": no data (" + m.missing() + ")");
    }
    boolean ok = m.value() >= min;
    return new PreflightResult(
        name,
        ok,
        label
            + " "
            + metric.unit.format(m.value())
            + (ok ? " ≥ " : " < ")
            + metric.unit.format(min));
  }
}
