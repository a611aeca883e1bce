package io.rollwright.policy;

import java.util.List;

/**
 * A change freeze, with its {@code reason}: recurring ({@code days} with optional {@code from} and
 * {@code to}, as a {@link DeployWindow}) or absolute ({@code start} and {@code end}, ISO-8601 local
 * date-times in the calendar's zone such as {@code 2026-12-20T00:00}, or instants with an offset).
 */
public record Freeze(
    String reason, List<String> days, String from, String to, String start, String end) {
  public Freeze {
    days = days == null ? List.of() : List.copyOf(days);
  }

  /** Whether this freeze recurs every week rather than spanning two dates. */
  public boolean recurring() {
    return start == null && end == null;
  }

  /** The weekly span of a recurring freeze. */
  public DeployWindow weekly() {
    return new DeployWindow(days, from, to);
  }
}
