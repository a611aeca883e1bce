package io.rollwright.activities.traffic;

import io.rollwright.activities.preflight.PreflightCheck;
import io.rollwright.api.PreflightResult;
import io.rollwright.api.ResolvedRelease;
import io.rollwright.api.TrafficTarget;
import io.rollwright.policy.PreflightSettings;
import io.temporal.failure.ApplicationFailure;

/**
 * The pre-flight check of one router, named after it: a release through that router runs it, any
 * other passes. What the router would refuse later (a final failure) fails the check now, with the
 * same words; what may pass on retry (the platform unreachable) is retried.
 */
public abstract class RouterCheck implements PreflightCheck {
  private final String router;

  protected RouterCheck(String router) {
    this.router = router;
  }

  @Override
  public final String name() {
    return router;
  }

  @Override
  public final PreflightResult run(ResolvedRelease release, PreflightSettings settings) {
    TrafficTarget t = TrafficTarget.of(release.request(), release.policy());
    if (!router.equals(t.router())) {
      return new PreflightResult(name(), true, "not released through " + router);
    }
    try {
      return new PreflightResult(name(), true, check(t));
    } catch (ApplicationFailure e) {
      if (e.isNonRetryable()) {
        return new PreflightResult(name(), false, e.getOriginalMessage());
      }
      throw e;
    }
  }

  /**
   * Checks what a release to {@code t} needs and says what it found; throws a non-retryable {@link
   * ApplicationFailure} (see {@link #refused}) saying what is wrong.
   */
  protected abstract String check(TrafficTarget t);

  /** The failure that fails the check, saying {@code why}. */
  protected static ApplicationFailure refused(String why) {
    return ApplicationFailure.newNonRetryableFailure(why, "PreflightRefused");
  }
}
