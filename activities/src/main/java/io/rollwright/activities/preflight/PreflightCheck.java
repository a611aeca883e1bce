package io.rollwright.activities.preflight;

import io.rollwright.api.PreflightResult;
import io.rollwright.api.ResolvedRelease;
import io.rollwright.policy.PreflightSettings;

/** One pre-flight check, known by the name policies use for it. */
public interface PreflightCheck {
  /** The name in {@code policy.preflight[].check}. */
  String name();

  /** Runs the check with its settings from the policy; throws only when it could not run at all. */
  PreflightResult run(ResolvedRelease release, PreflightSettings settings);
}
