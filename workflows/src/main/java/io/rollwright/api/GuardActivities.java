package io.rollwright.api;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** What the termination guard needs to know about a release that was ended from outside. */
@ActivityInterface
public interface GuardActivities {
  /**
   * The target whose traffic the closed run of {@code workflowId} left on its canary: it deployed a
   * canary or moved a weight, and neither promoted nor rolled back. Null when it moved nothing,
   * when it restored stable itself, or when a newer release of the same service and environment
   * runs now (that release owns the target).
   */
  @ActivityMethod
  TrafficTarget strandedTarget(String workflowId, String runId);
}
