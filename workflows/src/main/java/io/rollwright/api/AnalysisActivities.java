package io.rollwright.api;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Analysis of a canary while it soaks. */
@ActivityInterface
public interface AnalysisActivities {
  /**
   * Samples the checks every analysis interval for the soak's duration and judges them. Returns at
   * the end of the soak, or as soon as a check fails or the analysis becomes inconclusive.
   * Heartbeats every sample with its judge's state, so a retry after a worker crash resumes where
   * it was.
   */
  @ActivityMethod
  SoakResult soak(SoakRequest request);
}
