package io.rollwright.client;

import static io.rollwright.client.ReleaseHistory.text;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.rollwright.api.ReleaseMemo;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.ReleaseSearchAttributes;
import io.rollwright.policy.Stage;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.common.SearchAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A release as the Temporal server last recorded it, read without a worker: the search attributes
 * the release upserts ({@code status} is its phase, or its outcome once it ended; {@code STARTING}
 * until a worker first ran it), its memo, its run's status and times, what the run waits on, and
 * its result once it completed. Never live: {@code note} says so, and its JSON carries {@code
 * "live": false}.
 */
public record RecordedRelease(
    String releaseId,
    String runId,
    String service,
    String version,
    String environment,
    String requestedBy,
    String status,
    String stage,
    Long weight,
    String summary,
    String changeRef,
    String run,
    Instant startedAt,
    Instant closedAt,
    List<String> pending,
    ReleaseResult result,
    String note) {

  /** Always false: this is what the server holds, not the release's answer. */
  @JsonProperty("live")
  public boolean live() {
    return false;
  }

  /** Whether the run is still open on the server. */
  public boolean running() {
    return "RUNNING".equals(run);
  }

  /**
   * Where it was last recorded: {@code SOAKING · stage canary-10 · canary 10%}, and how the run
   * stands when it is not running.
   */
  public String where() {
    return (status == null ? "no status" : status)
        + (stage == null ? "" : " · stage " + stage)
        + (weight == null ? "" : " · canary " + Stage.weightText(weight))
        + (running() ? "" : " · run " + run);
  }

  /**
   * What {@code described} holds of the release, with {@code result} when its run completed (else
   * null); the note names {@code unanswered}, how long a worker was given to answer.
   */
  public static RecordedRelease of(
      WorkflowExecutionDescription described, ReleaseResult result, Duration unanswered) {
    SearchAttributes attributes = described.getTypedSearchAttributes();
    Long began = described.getMemo(ReleaseMemo.STARTED_AT, Long.class, Long.class);
    return new RecordedRelease(
        described.getExecution().getWorkflowId(),
        described.getExecution().getRunId(),
        text(attributes, ReleaseSearchAttributes.SERVICE),
        text(attributes, ReleaseSearchAttributes.VERSION),
        text(attributes, ReleaseSearchAttributes.ENVIRONMENT),
        text(attributes, ReleaseSearchAttributes.REQUESTED_BY),
        result != null ? result.outcome().name() : text(attributes, ReleaseSearchAttributes.STATUS),
        text(attributes, ReleaseSearchAttributes.STAGE),
        attributes.containsKey(ReleaseSearchAttributes.WEIGHT)
            ? attributes.get(ReleaseSearchAttributes.WEIGHT)
            : null,
        blankToNull(described.getStaticSummary()),
        described.getMemo(ReleaseHistory.CHANGE_REF, String.class, String.class),
        runStatus(described.getStatus()),
        began == null ? described.getStartTime() : Instant.ofEpochMilli(began),
        described.getCloseTime(),
        pending(described.getRawDescription()),
        result,
        "no worker answered within "
            + unanswered.toSeconds()
            + "s; this is what the server last recorded");
  }

  /** {@code COMPLETED}, {@code RUNNING}, {@code TERMINATED}, ...: how Temporal holds the run. */
  static String runStatus(WorkflowExecutionStatus status) {
    return status.name().substring("WORKFLOW_EXECUTION_STATUS_".length());
  }

  private static List<String> pending(DescribeWorkflowExecutionResponse raw) {
    List<String> pending = new ArrayList<>();
    for (PendingActivityInfo a : raw.getPendingActivitiesList()) {
      pending.add(
          "activity "
              + a.getActivityType().getName()
              + " "
              + state(a.getState().name(), "PENDING_ACTIVITY_STATE_")
              + ", attempt "
              + a.getAttempt()
              + (a.hasLastFailure() ? ", last failure: " + a.getLastFailure().getMessage() : ""));
    }
    if (raw.hasPendingWorkflowTask()) {
      pending.add(
          "workflow task "
              + state(
                  raw.getPendingWorkflowTask().getState().name(), "PENDING_WORKFLOW_TASK_STATE_")
              + ", attempt "
              + raw.getPendingWorkflowTask().getAttempt());
    }
    return pending;
  }

  private static String state(String name, String prefix) {
    return (name.startsWith(prefix) ? name.substring(prefix.length()) : name)
        .toLowerCase(Locale.ROOT);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
