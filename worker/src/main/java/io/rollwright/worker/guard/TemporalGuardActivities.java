package io.rollwright.worker.guard;

import io.rollwright.api.GuardActivities;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.ResolvedRelease;
import io.rollwright.api.TrafficTarget;
import io.rollwright.workflow.ReleaseCheckpoint;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.WorkflowExecutionStartedEventAttributes;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DataConverter;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a closed release run's history from Temporal: what it requested, which router it resolved,
 * what it moved and restored. A run the release continued as starts with the canary its earlier
 * runs deployed: its checkpoint says so and carries the resolved release.
 */
public final class TemporalGuardActivities implements GuardActivities {
  private static final Set<String> MOVES = Set.of("DeployCanary", "SetWeight");
  private static final Set<String> RESTORES = Set.of("Promote", "Rollback");

  private final WorkflowClient client;

  public TemporalGuardActivities(WorkflowClient client) {
    this.client = client;
  }

  @Override
  public TrafficTarget strandedTarget(String workflowId, String runId) {
    DataConverter json = client.getOptions().getDataConverter();
    ReleaseRequest request = null;
    ResolvedRelease resolved = null;
    boolean moved = false;
    boolean restored = false;
    Map<Long, String> scheduled = new HashMap<>();
    for (HistoryEvent e : client.fetchHistory(workflowId, runId).getEvents()) {
      switch (e.getEventType()) {
        case EVENT_TYPE_WORKFLOW_EXECUTION_STARTED -> {
          request =
              read(
                  json,
                  e.getWorkflowExecutionStartedEventAttributes().getInput(),
                  ReleaseRequest.class);
          ReleaseCheckpoint carried =
              checkpoint(json, e.getWorkflowExecutionStartedEventAttributes());
          if (carried != null) {
            moved = carried.deployed();
            resolved = carried.release();
          }
        }
        case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> {
          String type = e.getActivityTaskScheduledEventAttributes().getActivityType().getName();
          scheduled.put(e.getEventId(), type);
          moved |= MOVES.contains(type);
        }
        case EVENT_TYPE_ACTIVITY_TASK_COMPLETED -> {
          String type =
              scheduled.get(e.getActivityTaskCompletedEventAttributes().getScheduledEventId());
          restored |= RESTORES.contains(type);
          if ("Resolve".equals(type)) {
            resolved =
                read(
                    json,
                    e.getActivityTaskCompletedEventAttributes().getResult(),
                    ResolvedRelease.class);
          }
        }
        default -> {}
      }
    }
    if (!moved
        || restored
        || request == null
        || resolved == null
        || newerReleaseRuns(workflowId, runId)) {
      return null;
    }
    return TrafficTarget.of(resolved.request(), resolved.policy());
  }

  private boolean newerReleaseRuns(String workflowId, String runId) {
    DescribeWorkflowExecutionResponse latest =
        client
            .getWorkflowServiceStubs()
            .blockingStub()
            .describeWorkflowExecution(
                DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace(client.getOptions().getNamespace())
                    .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                    .build());
    return latest.getWorkflowExecutionInfo().getStatus()
            == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING
        && !latest.getWorkflowExecutionInfo().getExecution().getRunId().equals(runId);
  }

  /**
   * The checkpoint of a run a release continued as (the run before deployed what it carries), else
   * null.
   */
  private static ReleaseCheckpoint checkpoint(
      DataConverter json, WorkflowExecutionStartedEventAttributes started) {
    Payload memo = started.getMemo().getFieldsMap().get(ReleaseCheckpoint.MEMO);
    if (memo == null || started.getContinuedExecutionRunId().isEmpty()) {
      return null;
    }
    ReleaseCheckpoint carried =
        json.fromPayload(memo, ReleaseCheckpoint.class, ReleaseCheckpoint.class);
    return started.getContinuedExecutionRunId().equals(carried.fromRunId()) ? carried : null;
  }

  private static <T> T read(DataConverter json, Payloads payloads, Class<T> type) {
    return json.fromPayloads(0, Optional.of(payloads), type, type);
  }
}
