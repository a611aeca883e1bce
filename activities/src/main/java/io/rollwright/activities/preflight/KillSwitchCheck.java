package io.rollwright.activities.preflight;

import io.rollwright.api.PreflightResult;
import io.rollwright.api.ResolvedRelease;
import io.rollwright.policy.PreflightSettings;
import java.util.function.BooleanSupplier;

/** Operators can stop all new releases at once by engaging the kill switch. */
public final class KillSwitchCheck implements PreflightCheck {
  private final BooleanSupplier engaged;

  public KillSwitchCheck(BooleanSupplier engaged) {
    this.engaged = engaged;
  }

  @Override
  public String name() {
    return "kill-switch";
  }

  @Override
  public PreflightResult run(ResolvedRelease release, PreflightSettings settings) {
    return engaged.getAsBoolean()
        ? new PreflightResult(name(), false, "the release kill switch is engaged: no new releases")
        : new PreflightResult(name(), true, "kill switch off");
  }
}
