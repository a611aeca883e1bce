package io.rollwright.activities.preflight;

import io.rollwright.activities.base.ActivityClock;
import io.rollwright.api.PreflightResult;
import io.rollwright.api.ResolvedRelease;
import io.rollwright.policy.PreflightSettings;
import io.rollwright.policy.Violations;
import java.time.Instant;
import java.time.format.DateTimeParseException;

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
  public void checkSettings(String field, PreflightSettings settings, Violations v) {
    for (int i = 0; i < settings.windows().size(); i++) {
      window(field + ".windows[" + i + "]", settings.windows().get(i), v);
    }
  }

  private static void window(String field, String w, Violations v) {
    String[] ends = w == null ? new String[0] : w.split("/", -1);
    try {
      if (ends.length == 2 && Instant.parse(ends[0]).isBefore(Instant.parse(ends[1]))) {
        return;
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    v.add(
        field,
        "must be an interval 'start/end' of ISO-8601 instants with start before end (got '"
            + w
            + "')");
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
