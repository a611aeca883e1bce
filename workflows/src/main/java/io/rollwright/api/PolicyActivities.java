package io.rollwright.api;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Resolves what a release runs under, so that the policy used is recorded in the workflow's
 * history.
 */
@ActivityInterface
public interface PolicyActivities {
  /**
   * Validates the request, finds its policy (the named one, the inline one, the service's own file
   * or the default preset), lays it over any preset it extends, completes and validates it.
   *
   * @throws io.temporal.failure.ApplicationFailure non-retryable, of type {@code InvalidRelease},
   *     naming every field and rule broken
   */
  @ActivityMethod
  ResolvedRelease resolve(ReleaseRequest request);
}
