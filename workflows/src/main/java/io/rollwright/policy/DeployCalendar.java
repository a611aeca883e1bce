package io.rollwright.policy;

import java.util.List;

/**
 * When a service's releases may change production: allowed {@code windows} (none: any time) and
 * {@code freezes}, in the IANA time {@code zone} (default UTC), for the {@code environments} named
 * (none: every environment). A stage that would start outside every window or inside a freeze waits
 * until the calendar opens (see {@link CalendarRule}).
 */
public record DeployCalendar(
    String zone, List<DeployWindow> windows, List<Freeze> freezes, List<String> environments) {
  public DeployCalendar {
    windows = windows == null ? List.of() : List.copyOf(windows);
    freezes = freezes == null ? List.of() : List.copyOf(freezes);
    environments = environments == null ? List.of() : List.copyOf(environments);
  }

  /** This calendar with its windows only: what a release that passes freezes meets. */
  public DeployCalendar withoutFreezes() {
    return new DeployCalendar(zone, windows, List.of(), environments);
  }

  /** Whether this calendar governs releases to {@code environment}. */
  public boolean governs(String environment) {
    return environments.isEmpty() || environments.contains(environment);
  }
}
