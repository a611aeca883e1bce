package io.rollwright.client;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.rollwright.analysis.SoakProgress;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.ReleaseStatus;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.query.v1.WorkflowQuery;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.api.workflowservice.v1.QueryWorkflowRequest;
import io.temporal.api.workflowservice.v1.QueryWorkflowResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.common.converter.DataConverter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads one release, live or from the server: the {@code status} query when a worker answers it
 * within a deadline, else what the Temporal server holds without any worker ({@link
 * RecordedRelease}). Every front door reads releases through it, so none waits long on a query no
 * worker will answer.
 */
public final class ReleaseReader {
  /** How long a worker is given to answer the {@code status} query. */
  public static final Duration ANSWER_WITHIN = Duration.ofSeconds(5);

  /** The name of {@link io.rollwright.api.ReleaseWorkflow#status()}'s query. */
  private static final String STATUS_QUERY = "status";

  private static final String CONTROLS_QUERY = "controls";

  private static final Duration SERVER_WITHIN = Duration.ofSeconds(10);

  /** The activity type of {@link io.rollwright.api.AnalysisActivities#soak}. */
  static final String SOAK_ACTIVITY = "Soak";

  /**
   * What a read found: the live {@code status}, or when no worker answered, what the server
   * recorded. One is null.
   */
  public record Reading(ReleaseStatus status, RecordedRelease recorded) {
    /** Whether a worker answered: {@link #status()} is set. */
    public boolean live() {
      return status != null;
    }
  }

  /** A running release: the run it began as, and when that was. */
  public record Running(String releaseId, String firstRunId, Instant startedAt) {}

  private final WorkflowClient client;

  public ReleaseReader(WorkflowClient client) {
    this.client = client;
  }

  /**
   * The release's live status, or what the server recorded when no worker answered in time.
   *
   * @throws ReleaseNotFoundException when no release has that ID
   */
  public Reading read(String releaseId) {
    Optional<ReleaseStatus> live = live(releaseId);
    return live.isPresent()
        ? new Reading(live.get(), null)
        : new Reading(null, recorded(releaseId));
  }

  /**
   * The {@code status} query's answer, or empty when no worker answered within {@link
   * #ANSWER_WITHIN}. It is asked again, within that time, while the server is briefly unavailable
   * or a worker is too busy to take the query yet (the server's query buffer is full).
   *
   * @throws ReleaseNotFoundException when no release has that ID
   * @throws StatusRuntimeException when the server stays unavailable, or fails otherwise
   */
  public Optional<ReleaseStatus> live(String releaseId) {
    long deadline = System.nanoTime() + ANSWER_WITHIN.toNanos();
    long pauseMillis = 50;
    StatusRuntimeException unavailable = null;
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        if (unavailable != null) {
          throw unavailable;
        }
        return Optional.empty();
      }
      try {
        return Optional.of(
            withAnalysis(releaseId, query(releaseId, STATUS_QUERY, left, ReleaseStatus.class)));
      } catch (StatusRuntimeException e) {
        Status.Code code = e.getStatus().getCode();
        unavailable = code == Status.Code.UNAVAILABLE ? e : null;
        if (code != Status.Code.RESOURCE_EXHAUSTED && unavailable == null) {
          if (unanswered(code)) {
            return Optional.empty();
          }
          throw notFound(e, releaseId);
        }
      }
      try {
        Thread.sleep(Math.min(pauseMillis, TimeUnit.NANOSECONDS.toMillis(left)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
      pauseMillis = Math.min(pauseMillis * 2, 1_000);
    }
  }

  /**
   * {@code status} with the live readings of the stage's analysis run, read from the last heartbeat
   * of the release's pending soak or watch: as it stands when the server cannot say.
   */
  private ReleaseStatus withAnalysis(String releaseId, ReleaseStatus status) {
    if (!atStage(status)) {
      return status;
    }
    try {
      for (PendingActivityInfo pending : describe(releaseId, null).getPendingActivitiesList()) {
        if (SOAK_ACTIVITY.equals(pending.getActivityType().getName())
            && pending.hasHeartbeatDetails()) {
          SoakProgress progress =
              client
                  .getOptions()
                  .getDataConverter()
                  .fromPayloads(
                      0,
                      Optional.of(pending.getHeartbeatDetails()),
                      SoakProgress.class,
                      SoakProgress.class);
          return withProgress(status, progress);
        }
      }
    } catch (RuntimeException e) {
      // the readings are an addition: the status stands without them
    }
    return status;
  }

  /** Whether {@code status} can carry live readings: the release runs and has reached a stage. */
  static boolean atStage(ReleaseStatus status) {
    return status.result() == null && status.stage() != null;
  }

  /** {@code status} with the readings of {@code progress}, when the soak has reached a stage. */
  static ReleaseStatus withProgress(ReleaseStatus status, SoakProgress progress) {
    return progress.stage() == null ? status : status.withAnalysis(progress.live());
  }

  /**
   * The controls {@code caller} may send the release now ({@code approve}, {@code pause}, …, as the
   * {@code controls} query answers); none when no worker answers within {@link #ANSWER_WITHIN} or
   * the release's workers predate the query.
   */
  public List<String> controls(String releaseId, String caller) {
    try {
      String[] names =
          query(releaseId, CONTROLS_QUERY, ANSWER_WITHIN.toNanos(), String[].class, caller);
      return names == null ? List.of() : List.of(names);
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        throw notFound(e, releaseId);
      }
      return List.of();
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  /** The answer of the release's latest run to the query {@code type} with {@code args}. */
  private <T> T query(
      String releaseId, String type, long withinNanos, Class<T> answerType, Object... args) {
    WorkflowQuery.Builder query = WorkflowQuery.newBuilder().setQueryType(type);
    DataConverter converter = client.getOptions().getDataConverter();
    converter.toPayloads(args).ifPresent(query::setQueryArgs);
    QueryWorkflowResponse answer =
        client
            .getWorkflowServiceStubs()
            .blockingStub()
            .withDeadlineAfter(withinNanos, TimeUnit.NANOSECONDS)
            .queryWorkflow(
                QueryWorkflowRequest.newBuilder()
                    .setNamespace(client.getOptions().getNamespace())
                    .setExecution(execution(releaseId, null))
                    .setQuery(query)
                    .build());
    return converter.fromPayloads(0, Optional.of(answer.getQueryResult()), answerType, answerType);
  }

  /**
   * What the server holds of the release's latest run, read without a worker.
   *
   * @throws ReleaseNotFoundException when no release has that ID
   */
  public RecordedRelease recorded(String releaseId) {
    DescribeWorkflowExecutionResponse described = describe(releaseId, null);
    String runId = described.getWorkflowExecutionInfo().getExecution().getRunId();
    ReleaseResult result =
        completedResult(releaseId, runId, described.getWorkflowExecutionInfo().getStatus())
            .orElse(null);
    return RecordedRelease.of(
        new WorkflowExecutionDescription(described, client.getOptions().getDataConverter()),
        result,
        ANSWER_WITHIN);
  }

  /**
   * The release under {@code releaseId} when it is running: the run it began as (whatever runs it
   * has continued as since) and when it began; empty when it has ended or never existed. Read from
   * the server, without a worker.
   */
  public Optional<Running> running(String releaseId) {
    DescribeWorkflowExecutionResponse latest;
    try {
      latest = describe(releaseId, null);
    } catch (ReleaseNotFoundException e) {
      return Optional.empty();
    }
    WorkflowExecutionInfo info = latest.getWorkflowExecutionInfo();
    if (info.getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      return Optional.empty();
    }
    String firstRunId = info.getFirstRunId();
    WorkflowExecutionInfo first =
        firstRunId.isEmpty() || firstRunId.equals(info.getExecution().getRunId())
            ? info
            : describe(releaseId, firstRunId).getWorkflowExecutionInfo();
    return Optional.of(
        new Running(
            releaseId,
            first.getExecution().getRunId(),
            Instant.ofEpochSecond(
                first.getStartTime().getSeconds(), first.getStartTime().getNanos())));
  }

  /**
   * The server's description of one run of the release ({@code runId}), or of its latest when null.
   * Other errors than an unknown release are the server's, as they came.
   *
   * @throws ReleaseNotFoundException when no release has that ID
   */
  DescribeWorkflowExecutionResponse describe(String releaseId, String runId) {
    try {
      return client
          .getWorkflowServiceStubs()
          .blockingStub()
          .withDeadlineAfter(SERVER_WITHIN.toMillis(), TimeUnit.MILLISECONDS)
          .describeWorkflowExecution(
              DescribeWorkflowExecutionRequest.newBuilder()
                  .setNamespace(client.getOptions().getNamespace())
                  .setExecution(execution(releaseId, runId))
                  .build());
    } catch (StatusRuntimeException e) {
      throw notFound(e, releaseId);
    }
  }

  /**
   * The result of a run that has {@code status}, read from its history (no worker needed): of the
   * run the release continued as when it continued; empty unless it completed.
   */
  Optional<ReleaseResult> completedResult(
      String releaseId, String runId, WorkflowExecutionStatus status) {
    if (status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED
        && status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          client
              .newUntypedWorkflowStub(releaseId, Optional.ofNullable(runId), Optional.empty())
              .getResult(SERVER_WITHIN.toSeconds(), TimeUnit.SECONDS, ReleaseResult.class));
    } catch (TimeoutException e) {
      return Optional.empty();
    }
  }

  /**
   * No worker answered: none within the deadline, or the server already knows none polls ({@code
   * FAILED_PRECONDITION}: "no poller seen for task queue recently, worker may be down").
   */
  private static boolean unanswered(Status.Code code) {
    return code == Status.Code.DEADLINE_EXCEEDED || code == Status.Code.FAILED_PRECONDITION;
  }

  private static WorkflowExecution execution(String releaseId, String runId) {
    return WorkflowExecution.newBuilder()
        .setWorkflowId(releaseId)
        .setRunId(runId == null ? "" : runId)
        .build();
  }

  private static RuntimeException notFound(StatusRuntimeException e, String releaseId) {
    return e.getStatus().getCode() == Status.Code.NOT_FOUND
        ? new ReleaseNotFoundException(releaseId)
        : e;
  }
}
