package io.rollwright.activities.preflight;

import io.rollwright.activities.base.Registry;
import io.rollwright.api.PreflightActivities;
import io.rollwright.api.PreflightResult;
import io.rollwright.api.ResolvedRelease;
import io.rollwright.policy.PreflightSettings;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Runs every pre-flight check the policy lists and reports each, even after one has failed;
 * heartbeats before each check, so a worker that dies mid-way is replaced within seconds.
 */
public final class PreflightActivitiesImpl implements PreflightActivities {
  private final Registry<PreflightCheck> checks;

  public PreflightActivitiesImpl(Registry<PreflightCheck> checks) {
    this.checks = checks;
  }

  @Override
  public List<PreflightResult> runChecks(ResolvedRelease release, List<PreflightSettings> wanted) {
    return each(wanted, (check, settings) -> check.run(release, settings));
  }

  @Override
  public List<PreflightResult> runStageChecks(
      ResolvedRelease release, String stage, double weight, List<PreflightSettings> wanted) {
    return each(
        wanted, (check, settings) -> check.runBeforeStage(release, settings, stage, weight));
  }

  @Override
  public List<PreflightResult> runSoakChecks(
      ResolvedRelease release, String stage, double weight, List<PreflightSettings> wanted) {
    return each(
        wanted, (check, settings) -> check.runDuringStage(release, settings, stage, weight));
  }

  private List<PreflightResult> each(
      List<PreflightSettings> wanted,
      BiFunction<PreflightCheck, PreflightSettings, PreflightResult> run) {
    List<PreflightResult> results = new ArrayList<>();
    ActivityExecutionContext ctx = Activity.getExecutionContext();
    for (PreflightSettings c : wanted) {
      ctx.heartbeat(results.size());
      try {
        results.add(run.apply(checks.get(c.check()), c));
      } catch (RuntimeException e) {
        results.add(new PreflightResult(c.check(), false, "could not run: " + e.getMessage()));
      }
    }
    return results;
  }
}
