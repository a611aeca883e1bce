package io.rollwright.activities.preflight;

import io.rollwright.activities.base.ActivityClock;
import io.rollwright.activities.base.Registry;
import io.rollwright.activities.metrics.MetricProvider;
import io.rollwright.activities.metrics.Track;
import io.rollwright.api.PreflightResult;
import io.rollwright.api.ResolvedRelease;
import io.rollwright.policy.Metric;
import io.rollwright.policy.PreflightSettings;
import io.rollwright.policy.Violations;
import java.util.List;
import java.util.stream.Collectors;

/** Every service the release depends on is up. */
public final class DependenciesCheck implements PreflightCheck {
  private final MetricFloorCheck up;

  public DependenciesCheck(Registry<MetricProvider> providers, ActivityClock clock) {
    up = new MetricFloorCheck(name(), Metric.UP, Track.STABLE, providers, clock);
  }

  @Override
  public String name() {
    return "dependencies";
  }

  @Override
  public void checkSettings(String field, PreflightSettings settings, Violations v) {
    if (settings.dependencies().isEmpty()) {
      v.add(field + ".dependencies", "must name at least one service");
    }
    for (int i = 0; i < settings.dependencies().size(); i++) {
      v.name(field + ".dependencies[" + i + "]", settings.dependencies().get(i));
    }
  }

  @Override
  public PreflightResult run(ResolvedRelease release, PreflightSettings settings) {
    List<PreflightResult> each =
        settings.dependencies().stream().map(d -> up.measure(release, d, 1.0)).toList();
    boolean ok = each.stream().allMatch(PreflightResult::passed);
    return new PreflightResult(
        name(), ok, each.stream().map(PreflightResult::detail).collect(Collectors.joining(", ")));
  }
}
