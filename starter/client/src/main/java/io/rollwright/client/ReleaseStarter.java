package io.rollwright.client;

import io.rollwright.api.ReleaseIds;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.ReleaseSearchAttributes;
import io.rollwright.api.ReleaseStatus;
import io.rollwright.api.ReleaseWorkflow;
import io.rollwright.api.RequestCheck;
import io.rollwright.policy.Violation;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts releases the way every front door does: the request validated first (nothing starts when
 * it is invalid), the workflow ID {@code <service>@<environment>}, the search attributes and
 * summary set at start, and a clear refusal when that service and environment already has a release
 * running.
 */
public final class ReleaseStarter {
  private final WorkflowClient client;
  private final String taskQueue;

  public ReleaseStarter(WorkflowClient client, String taskQueue) {
    this.client = client;
    this.taskQueue = taskQueue;
  }

  public ReleaseStarter(WorkflowClient client) {
    this(client, ReleaseIds.TASK_QUEUE);
  }

  /**
   * Starts the release with no commit time for its change; see {@link #start(ReleaseRequest,
   * Instant)}.
   */
  public WorkflowExecution start(ReleaseRequest request) {
    return start(request, null);
  }

  /**
   * Starts the release and returns its workflow execution. {@code changeCommittedAt}, when known,
   * is kept with it (in its memo) for the lead-time figure; it may not be in the future (beyond
   * {@link io.rollwright.policy.Limits#CLOCK_SKEW}).
   *
   * @throws io.rollwright.policy.InvalidReleaseException naming every broken rule; nothing started
   * @throws ReleaseInProgressException naming the release already running
   */
  public WorkflowExecution start(ReleaseRequest request, Instant changeCommittedAt) {
    List<Violation> found = new ArrayList<>(RequestCheck.check(request));
    found.addAll(RequestCheck.committedAt("changeCommittedAt", changeCommittedAt, Instant.now()));
    RequestCheck.requireNone(found);
    ReleaseWorkflow release =
        client.newWorkflowStub(
            ReleaseWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(request.releaseId())
                .setTaskQueue(taskQueue)
                .setStaticSummary(ReleaseSearchAttributes.summary(request))
                .setMemo(ReleaseHistory.memo(request.changeRef(), changeCommittedAt))
                .setTypedSearchAttributes(attributes(request))
                .build());
    try {
      return WorkflowClient.start(release::run, request);
    } catch (WorkflowExecutionAlreadyStarted e) {
      throw new ReleaseInProgressException(
          inProgress(request.releaseId(), e.getExecution().getRunId()));
    }
  }

  private String inProgress(String releaseId, String runId) {
    String what;
    try {
      ReleaseReader.Reading now = new ReleaseReader(client).read(releaseId);
      ReleaseStatus running = now.status();
      RecordedRelease recorded = now.recorded();
      what =
          now.live()
              ? running.service()
                  + " "
                  + running.version()
                  + " requested by "
                  + running.requestedBy()
                  + ", now "
                  + running.phase()
                  + (running.stage() == null ? "" : " at stage " + running.stage())
              : recorded.service()
                  + " "
                  + recorded.version()
                  + " requested by "
                  + recorded.requestedBy()
                  + ", last recorded "
                  + recorded.where()
                  + " ("
                  + recorded.note()
                  + ")";
    } catch (RuntimeException e) {
      what = "its status could not be read: " + e.getMessage();
    }
    return releaseId
        + " already has a release in progress ("
        + what
        + "; run "
        + runId
        + "). Wait for it to end, or abort it, before starting another.";
  }

  /**
   * The search attributes a release starts with; a rollback that lets history choose its version
   * gets its version once the worker has chosen it.
   */
  private static SearchAttributes attributes(ReleaseRequest request) {
    SearchAttributes.Builder attributes =
        SearchAttributes.newBuilder()
            .set(ReleaseSearchAttributes.SERVICE, request.service())
            .set(ReleaseSearchAttributes.ENVIRONMENT, request.environment())
            .set(ReleaseSearchAttributes.REQUESTED_BY, request.requestedBy())
            .set(ReleaseSearchAttributes.STATUS, "STARTING");
    if (request.version() != null) {
      attributes.set(ReleaseSearchAttributes.VERSION, request.version());
    }
    if (request.type() != null) {
      attributes.set(ReleaseSearchAttributes.TYPE, request.type());
    }
    return attributes.build();
  }
}
