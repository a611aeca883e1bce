package io.rollwright.activities.preflight;

import io.rollwright.api.PreflightResult;
import io.rollwright.api.ResolvedRelease;
import io.rollwright.policy.PreflightSettings;
import io.rollwright.policy.Violations;

/** One pre-flight check, known by the name policies use for it. */
public interface PreflightCheck {
  /** Where a check runs, as it may tell whoever it asks: at pre-flight. */
  String PREFLIGHT = "preflight";

  /** Before a stage's traffic change. */
  String BEFORE_STAGE = "before-stage";

  /** While a stage soaks, or the release bakes. */
  String DURING_STAGE = "during-stage";

  /** The name in {@code policy.preflight[].check}. */
  String name();

  /** Runs the check with its settings from the policy; throws only when it could not run at all. */
  PreflightResult run(ResolvedRelease release, PreflightSettings settings);

  /**
   * Runs the check at {@code phase} ({@link #PREFLIGHT}, {@link #BEFORE_STAGE}, {@link
   * #DURING_STAGE}) of stage {@code stage} with the canary at {@code weight} percent; by default as
   * at pre-flight. Checks that tell someone where the release is override it.
   */
  default PreflightResult runAt(
      ResolvedRelease release,
      PreflightSettings settings,
      String phase,
      String stage,
      double weight) {
    return run(release, settings);
  }

  /** Runs the check before stage {@code stage} moves the canary to {@code weight} percent. */
  default PreflightResult runBeforeStage(
      ResolvedRelease release, PreflightSettings settings, String stage, double weight) {
    return runAt(release, settings, BEFORE_STAGE, stage, weight);
  }

  /**
   * Runs the check while stage {@code stage} soaks with the canary at {@code weight} percent (or
   * while the release bakes).
   */
  default PreflightResult runDuringStage(
      ResolvedRelease release, PreflightSettings settings, String stage, double weight) {
    return runAt(release, settings, DURING_STAGE, stage, weight);
  }

  /**
   * Adds to {@code v} every rule its settings, written at {@code field} of a policy, break; called
   * when the policy is resolved, so a release never starts with a check that could not run. None by
   * default.
   */
  default void checkSettings(String field, PreflightSettings settings, Violations v) {}
}
