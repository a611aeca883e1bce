package io.rollwright.activities.preflight;

import io.rollwright.api.PreflightResult;
import io.rollwright.api.ResolvedRelease;
import io.rollwright.policy.PreflightSettings;

/**
 * Operators stop new releases by turning a kill switch on: the global one, or that of the service
 * and environment ({@link KillSwitches}).
 */
public final class KillSwitchCheck implements PreflightCheck {
  private final KillSwitches switches;

  public KillSwitchCheck(KillSwitches switches) {
    this.switches = switches;
  }

  @Override
  public String name() {
    return "kill-switch";
  }

  @Override
  public PreflightResult run(ResolvedRelease release, PreflightSettings settings) {
    String engaged = switches.engaged(release.request().releaseId());
    return engaged != null
        ? new PreflightResult(name(), false, engaged + ": no new releases")
        : new PreflightResult(name(), true, "kill switch off");
  }
}
