package io.rollwright.api;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Restores stable for a release that was terminated or timed out with traffic on its canary, by the
 * same rollback a release runs itself. Started by the termination guard under the workflow ID
 * {@link #idOf(String)}, so a run is compensated once whichever worker noticed it first.
 */
@WorkflowInterface
public interface CompensationWorkflow {
  /** The workflow ID of the compensation of the release run {@code runId}. */
  static String idOf(String runId) {
    return "compensate:" + runId;
  }

  /** Rolls back what the closed run left, if anything; returns what was done. */
  @WorkflowMethod
  String compensate(String workflowId, String runId);
}
