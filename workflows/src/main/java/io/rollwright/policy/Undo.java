package io.rollwright.policy;

import java.time.Duration;

/**
 * How a rollback release runs ({@code rollwright rollback}): the earlier version goes straight to
 * 100% of traffic, then is watched for {@code watch} with the bake's checks (or the last stage's
 * that need no baseline) while the version it replaced is kept ready, scaled to zero. A breach
 * during the watch returns to that version, as a bake breach does.
 */
public record Undo(@DurationField Duration watch) {
  public static final Duration DEFAULT_WATCH = Duration.ofMinutes(10);

  /** The rollback settings of a policy that sets none. */
  public static final Undo DEFAULTS = new Undo(null);

  public Undo {
    watch = watch == null ? DEFAULT_WATCH : watch;
  }

  void check(Violations v) {
    if (watch.compareTo(Duration.ofSeconds(1)) < 0 || watch.compareTo(Duration.ofDays(1)) > 0) {
      v.add(
          "policy.undo.watch",
          "must be between 1s and 1d (got " + DurationText.format(watch) + ")");
    }
  }
}
