package io.rollwright.activities.preflight;

import io.rollwright.activities.ActivityClock;
import io.rollwright.activities.Registry;
import io.rollwright.activities.metrics.MetricProvider;
import io.rollwright.activities.metrics.Track;
import io.rollwright.analysis.Metric;
import io.rollwright.api.PreflightResult;
import io.rollwright.api.ResolvedRelease;
import io.rollwright.policy.PreflightCheck;
import java.util.List;
import java.util.stream.Collectors;

/** Every service the release depends on is up. */
public final class DependenciesCheck implements Preflight {
  private final Registry<MetricProvider> providers;
  private final ActivityClock clock;

  public DependenciesCheck(Registry<MetricProvider> providers, ActivityClock clock) {
    this.providers = providers;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "dependencies";
  }

  @Override
  public PreflightResult run(ResolvedRelease release, PreflightCheck settings) {
    List<PreflightResult> each = settings.dependencies().stream()
        .map(d -> MetricFloor.check(providers, release, name(), d, Metric.UP, Track.STABLE, 1.0, clock.now()))
        .toList();
    boolean ok = each.stream().allMatch(PreflightResult::passed);
    return new PreflightResult(name(), ok, each.stream().map(PreflightResult::detail).collect(Collectors.joining(", ")));
  }
}
