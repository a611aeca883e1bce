package io.rollwright.starter.cli;

import io.rollwright.api.ReleaseStatus;
import io.rollwright.api.ReleaseWorkflow;
import io.rollwright.starter.ReleaseNotFoundException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;

/** Reading one release, with an unknown ID said plainly. */
final class Releases {
  private Releases() {}

  static ReleaseStatus status(WorkflowClient client, String releaseId) {
    try {
      return client.newWorkflowStub(ReleaseWorkflow.class, releaseId).status();
    } catch (WorkflowNotFoundException e) {
      throw new ReleaseNotFoundException(releaseId);
    }
  }
}
