package io.rollwright.client;

import io.rollwright.api.ControlAnswer;
import io.rollwright.api.ControlCommand;
import io.rollwright.api.ReleaseIds;
import io.rollwright.api.RequestCheck;
import io.rollwright.api.TrainPlan;
import io.rollwright.api.TrainRequest;
import io.rollwright.api.TrainResult;
import io.rollwright.api.TrainStatus;
import io.rollwright.api.TrainWorkflow;
import io.rollwright.policy.Violation;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Trains as every front door starts and controls them: the request checked first (nothing starts
 * when it is invalid), the workflow ID {@code train:<name>@<environment>}, a clear refusal when
 * that train is already running, and its progress as one line per change of a release's state.
 */
public final class Trains {
  private final WorkflowClient client;
  private final String taskQueue;

  public Trains(WorkflowClient client, String taskQueue) {
    this.client = client;
    this.taskQueue = taskQueue;
  }

  public Trains(WorkflowClient client) {
    this(client, ReleaseIds.TASK_QUEUE);
  }

  /** Starts the train without a commit time: {@link #start(TrainRequest, Instant)}. */
  public WorkflowExecution start(TrainRequest request) {
    return start(request, null);
  }

  /**
   * Starts the train and returns its execution. {@code changeCommittedAt}, when known, is kept with
   * it (in its memo, as a release's) and handed to each of its releases for lead time.
   *
   * @throws io.rollwright.policy.InvalidReleaseException naming every broken rule; nothing started
   * @throws ReleaseInProgressException when a train of that name runs in that environment
   */
  public WorkflowExecution start(TrainRequest request, Instant changeCommittedAt) {
    List<Violation> found = new ArrayList<>(TrainPlan.check(request));
    found.addAll(RequestCheck.committedAt("changeCommittedAt", changeCommittedAt, Instant.now()));
    RequestCheck.requireNone(found);
    TrainWorkflow train =
        client.newWorkflowStub(
            TrainWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(request.trainId())
                .setTaskQueue(taskQueue)
                .setStaticSummary(
                    "train "
                        + request.name()
                        + " → "
                        + request.environment()
                        + ": "
                        + request.releases().stream()
                            .map(r -> r.service() + " " + r.version())
                            .collect(Collectors.joining(", ")))
                .setMemo(ReleaseHistory.memo(request.changeRef(), changeCommittedAt))
                .build());
    try {
      return WorkflowClient.start(train::run, request);
    } catch (WorkflowExecutionAlreadyStarted e) {
      throw new ReleaseInProgressException(
          request.trainId()
              + " is already running (run "
              + e.getExecution().getRunId()
              + "). Wait for it to end, or abort it, before starting it again.");
    }
  }

  /** Where the train is; throws {@link TrainNotFoundException} when there is no such train. */
  public TrainStatus status(String trainId) {
    try {
      return stub(trainId).status();
    } catch (WorkflowNotFoundException e) {
      throw new TrainNotFoundException(trainId);
    }
  }

  /**
   * Sends a {@code pause}, {@code resume} or {@code abort} to the train and returns its answer (a
   * refusal is an answer, as from a release); waits {@code answerWithin} for a worker.
   *
   * @throws TrainNotFoundException when there is no such train
   */
  public ControlAnswer control(String trainId, ControlCommand command, Duration answerWithin) {
    status(trainId);
    return new ReleaseControls(client, answerWithin).send(trainId, command);
  }

  /**
   * Follows the train to its end, telling {@code lines} each release's state as it changes, and
   * returns its result.
   *
   * @throws ReleaseEndedWithoutOutcomeException when the train closed without one (refused as
   *     invalid, terminated)
   */
  public TrainResult follow(String trainId, Consumer<String> lines, Duration every)
      throws InterruptedException {
    Map<String, String> told = new HashMap<>();
    CompletableFuture<TrainResult> result =
        client.newUntypedWorkflowStub(trainId).getResultAsync(TrainResult.class);
    while (true) {
      boolean closed = result.isDone();
      TrainStatus status = status(trainId);
      for (TrainStatus.Car car : status.releases()) {
        String line = car.line();
        if (!line.equals(told.put(car.service(), line))) {
          lines.accept(line);
        }
      }
      if (closed || status.result() != null) {
        return ReleaseWatcher.outcome(trainId, result);
      }
      Thread.sleep(every.toMillis());
    }
  }

  private TrainWorkflow stub(String trainId) {
    return client.newWorkflowStub(TrainWorkflow.class, trainId);
  }
}
