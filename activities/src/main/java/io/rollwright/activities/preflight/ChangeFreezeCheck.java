package io.rollwright.activities.preflight;

import io.rollwright.activities.base.ActivityClock;
import io.rollwright.api.PreflightResult;
import io.rollwright.api.ResolvedRelease;
import io.rollwright.policy.PreflightSettings;
import java.time.Instant;

/** No release during a change-freeze window ({@code start/end}, ISO-8601). */
public final class ChangeFreezeCheck implements PreflightCheck {
  private final ActivityClock clock;

  public ChangeFreezeCheck(ActivityClock clock) {
    this.clock = clock;
  }

  @Override
  public String name() {
    return "change-freeze";
  }

  @Override
  public PreflightResult run(ResolvedRelease release, PreflightSettings settings) {
    Instant now = Instant.ofEpochMilli(clock.now());
    for (String window : settings.windows()) {
      String[] ends = window.split("/", 2);
      if (!now.isBefore(Instant.parse(ends[0])) && now.isBefore(Instant.parse(ends[1]))) {
        return new PreflightResult(name(), false, "change freeze in force until " + ends[1]);
      }
    }
    return new PreflightResult(name(), true, "no change freeze in force");
  }
}
