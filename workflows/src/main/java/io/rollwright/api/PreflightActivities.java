package io.rollwright.api;

import io.rollwright.policy.PreflightSettings;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/** Runs the checks that must pass before anything is deployed. */
@ActivityInterface
public interface PreflightActivities {
  /**
   * Runs every check (all of them, even after one fails, so the report is complete). A check that
   * cannot run reports itself failed with the reason; it never throws.
   */
  @ActivityMethod
  List<PreflightResult> runChecks(ResolvedRelease release, List<PreflightSettings> checks);

  /**
   * Runs the checks of stage {@code stage} before its traffic moves to {@code weight} percent, as
   * {@link #runChecks} runs pre-flight checks; checks that ask someone say which stage it is.
   */
  @ActivityMethod
  List<PreflightResult> runStageChecks(
      ResolvedRelease release, String stage, double weight, List<PreflightSettings> checks);

  /**
   * Runs the checks asked while stage {@code stage} soaks at {@code weight} percent (or the release
   * bakes), as {@link #runStageChecks} runs those before it; checks that ask someone say so.
   */
  @ActivityMethod
  List<PreflightResult> runSoakChecks(
      ResolvedRelease release, String stage, double weight, List<PreflightSettings> checks);
}
