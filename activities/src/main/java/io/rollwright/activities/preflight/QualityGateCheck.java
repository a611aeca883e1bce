package io.rollwright.activities.preflight;

import io.rollwright.activities.ActivityClock;
import io.rollwright.activities.Registry;
import io.rollwright.activities.metrics.MetricProvider;
import io.rollwright.activities.metrics.Track;
import io.rollwright.analysis.Metric;
import io.rollwright.api.PreflightResult;
import io.rollwright.api.ResolvedRelease;
import io.rollwright.policy.PreflightCheck;

/** The new version's quality score (e.g. from its evaluation suite) is at least {@code min}. */
public final class QualityGateCheck implements Preflight {
  private final Registry<MetricProvider> providers;
  private final ActivityClock clock;

  public QualityGateCheck(Registry<MetricProvider> providers, ActivityClock clock) {
    this.providers = providers;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "quality-gate";
  }

  @Override
  public PreflightResult run(ResolvedRelease release, PreflightCheck settings) {
    return MetricFloor.check(providers, release, name(), release.request().service(), Metric.QUALITY_SCORE, Track.CANARY, settings.min(), clock.now());
  }
}
