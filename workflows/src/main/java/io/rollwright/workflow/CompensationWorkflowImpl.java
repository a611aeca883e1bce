package io.rollwright.workflow;

import io.rollwright.api.CompensationWorkflow;
import io.rollwright.api.GuardActivities;
import io.rollwright.api.TrafficTarget;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * {@link CompensationWorkflow}: finds what the closed run left, and rolls it back with the
 * release's own rollback.
 */
public class CompensationWorkflowImpl implements CompensationWorkflow {
  /** As long as a release's default rollback timeout. */
  static final Duration ROLLBACK_TIMEOUT = Duration.ofMinutes(30);

  private final GuardActivities guard =
      Workflow.newActivityStub(
          GuardActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(30))
              .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(10).build())
              .build());

  @Override
  public String compensate(String workflowId, String runId) {
    TrafficTarget stranded = guard.strandedTarget(workflowId, runId);
    if (stranded == null) {
      return "nothing to restore for " + workflowId + " (run " + runId + ")";
    }
    new ReleaseSteps().rollback(stranded, ROLLBACK_TIMEOUT);
    return "restored stable for "
        + workflowId
        + " (run "
        + runId
        + "): all traffic to stable, canary to zero";
  }
}
