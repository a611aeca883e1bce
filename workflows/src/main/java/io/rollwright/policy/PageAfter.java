package io.rollwright.policy;

import java.time.Duration;

/**
 * When a stuck release pages on-call: paused for longer than {@code paused}, or rolling back (its
 * traffic change retried) for longer than {@code rollingBack}. A release that ends FAILED always
 * pages.
 */
public record PageAfter(@DurationField Duration paused, @DurationField Duration rollingBack) {
  public static final Duration DEFAULT_PAUSED = Duration.ofHours(4);
  public static final Duration DEFAULT_ROLLING_BACK = Duration.ofMinutes(10);

  /** The bounds of a policy that sets none. */
  public static final PageAfter DEFAULTS = new PageAfter(null, null);

  public PageAfter {
    paused = paused == null ? DEFAULT_PAUSED : paused;
    rollingBack = rollingBack == null ? DEFAULT_ROLLING_BACK : rollingBack;
  }

  void check(Violations v) {
    within(v, "policy.pageAfter.paused", paused);
    within(v, "policy.pageAfter.rollingBack", rollingBack);
  }

  private static void within(Violations v, String field, Duration d) {
    if (d.compareTo(Duration.ofMinutes(1)) < 0 || d.compareTo(Duration.ofDays(7)) > 0) {
      v.add(field, "must be between 1m and 7d (got " + DurationText.format(d) + ")");
    }
  }
}
