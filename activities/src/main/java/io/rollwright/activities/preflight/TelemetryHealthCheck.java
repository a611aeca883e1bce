package io.rollwright.activities.preflight;

import io.rollwright.activities.ActivityClock;
import io.rollwright.activities.Registry;
import io.rollwright.activities.metrics.MetricProvider;
import io.rollwright.activities.metrics.Track;
import io.rollwright.analysis.Metric;
import io.rollwright.api.PreflightResult;
import io.rollwright.api.ResolvedRelease;
import io.rollwright.policy.PreflightCheck;

/** The stable version is healthy now (success rate at least {@code min}): never start a canary into an incident. */
public final class TelemetryHealthCheck implements Preflight {
  private final Registry<MetricProvider> providers;
  private final ActivityClock clock;

  public TelemetryHealthCheck(Registry<MetricProvider> providers, ActivityClock clock) {
    this.providers = providers;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "telemetry-health";
  }

  @Override
  public PreflightResult run(ResolvedRelease release, PreflightCheck settings) {
    return MetricFloor.check(providers, release, name(), release.request().service(), Metric.SUCCESS_RATE, Track.STABLE, settings.min(), clock.now());
  }
}
