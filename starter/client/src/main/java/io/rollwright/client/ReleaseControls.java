package io.rollwright.client;

import io.grpc.StatusRuntimeException;
import io.rollwright.api.ControlAnswer;
import io.rollwright.api.ControlCommand;
import io.rollwright.api.ControlLimits;
import io.rollwright.api.ReleaseWorkflow;
import io.rollwright.api.TrainRequest;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends controls (approve, reject, pause, resume, abort, promote) to a running release, or a train,
 * through the {@code control} update, and returns the release's answer. A control the release
 * refused before accepting it, a release that has ended, or a worker that does not answer in time,
 * is an answer too, never an exception; only an unknown release is.
 */
public final class ReleaseControls {
  /** The threads that wait for workers' answers, so a caller can stop waiting. */
  static final ExecutorService WAITERS =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "rollwright-control");
            t.setDaemon(true);
            return t;
          });

  private static final int CLOSING_CHECKS = 10;
  private static final Duration CLOSING_PAUSE = Duration.ofMillis(200);

  private final WorkflowClient client;
  private final Duration answerWithin;

  public ReleaseControls(WorkflowClient client, Duration answerWithin) {
    this.client = client;
    this.answerWithin = answerWithin;
  }

  /** These controls, waiting {@code answerWithin} for a release's answer instead. */
  public ReleaseControls within(Duration answerWithin) {
    return new ReleaseControls(client, answerWithin);
  }

  /**
   * Applies {@code command} to the release {@code releaseId}.
   *
   * @throws ReleaseNotFoundException when no release has that ID
   */
  public ControlAnswer send(String releaseId, ControlCommand command) {
    return send(releaseId, null, command);
  }

  /**
   * Applies {@code command} to the release {@code releaseId} that began as run {@code firstRunId}
   * (whatever runs it has continued as since), or to the latest release under that ID when null. A
   * release that began as another run does not take it.
   *
   * @throws ReleaseNotFoundException when no release has that ID
   */
  public ControlAnswer send(String releaseId, String firstRunId, ControlCommand command) {
    WorkflowStub release = client.newUntypedWorkflowStub(releaseId);
    UpdateOptions<ControlAnswer> update =
        UpdateOptions.newBuilder(ControlAnswer.class)
            .setUpdateName(ReleaseWorkflow.CONTROL)
            .setFirstExecutionRunId(firstRunId)
            .setWaitForStage(WorkflowUpdateStage.COMPLETED)
            .build();
    CompletableFuture<ControlAnswer> answer =
        CompletableFuture.supplyAsync(
            () -> release.startUpdate(update, command).getResult(), WAITERS);
    try {
      return answer.get(answerWithin.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return new ControlAnswer(
          false,
          "no worker answered within "
              + answerWithin.toSeconds()
              + "s; the "
              + command.action().name().toLowerCase(Locale.ROOT)
              + " may still apply when one does: check `rollwright status "
              + releaseId
              + "`");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "interrupted while waiting for " + releaseId + " to answer", e);
    } catch (ExecutionException e) {
      ControlAnswer refused = refusedBeforeAccepted(e.getCause());
      if (refused != null) {
        return refused;
      }
      if (e.getCause() instanceof WorkflowNotFoundException
          || e.getCause() instanceof WorkflowServiceException) {
        return ended(releaseId, firstRunId, (RuntimeException) e.getCause());
      }
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException(e.getCause());
    }
  }

  /**
   * The release's refusal when its validator refused the control before accepting it, else null.
   */
  private static ControlAnswer refusedBeforeAccepted(Throwable failure) {
    if (failure instanceof WorkflowUpdateException
        && failure.getCause() instanceof ApplicationFailure f
        && (ControlLimits.REFUSED.equals(f.getType())
            || ControlLimits.FORBIDDEN.equals(f.getType()))) {
      return new ControlAnswer(
          false, f.getOriginalMessage(), ControlLimits.FORBIDDEN.equals(f.getType()));
    }
    return null;
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a release to close", e);
    }
  }

  /**
   * Controls a release that is not running: it has ended (an answer), or it never existed (an
   * exception).
   */
  private ControlAnswer ended(String releaseId, String runId, RuntimeException cause) {
    ReleaseReader reader = new ReleaseReader(client);
    DescribeWorkflowExecutionResponse described;
    try {
      described = reader.describe(releaseId, runId);
    } catch (StatusRuntimeException e) {
      throw cause;
    }
    WorkflowExecutionStatus status = described.getWorkflowExecutionInfo().getStatus();
    for (int i = 0;
        status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING && i < CLOSING_CHECKS;
        i++) {
      // An update that met the release as it completed fails before the server shows it closed.
      sleep(CLOSING_PAUSE);
      status = reader.describe(releaseId, runId).getWorkflowExecutionInfo().getStatus();
    }
    if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      throw cause;
    }
    String outcome =
        reader
            .completedResult(releaseId, runId, status)
            .map(r -> r.outcome().name())
            .orElse(RecordedRelease.runStatus(status).toLowerCase(Locale.ROOT));
    String what = releaseId.startsWith(TrainRequest.ID_PREFIX) ? "the train " : "the release ";
    return new ControlAnswer(false, what + releaseId + " has ended (" + outcome + ")");
  }
}
