package io.rollwright.workflow;

import io.rollwright.api.ControlRequest;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.ReleaseSearchAttributes;
import io.rollwright.api.ReleaseWorkflow;
import io.rollwright.api.RequestCheck;
import io.rollwright.api.TrainPlan;
import io.rollwright.api.TrainRequest;
import io.rollwright.api.TrainResult;
import io.rollwright.api.TrainStatus;
import io.rollwright.api.TrainWorkflow;
import io.rollwright.policy.InvalidReleaseException;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A train: each service's release is a child {@code ReleaseWorkflow}, started once those it goes
 * after are promoted. The first that does not promote stops the train: nothing more starts, the
 * releases still running are aborted, and those the train promoted are rolled back newest first,
 * each by a rollback release to the version promoted before. A child outlives a train that is
 * terminated: each release is safe on its own.
 */
public class TrainWorkflowImpl implements TrainWorkflow {
  private final Map<String, TrainCar> cars = new LinkedHashMap<>();
  private final List<String> promotedInOrder = new ArrayList<>();
  private TrainRequest request;
  private String pausedBecause;
  private String stoppedBecause;
  private String failedService;
  private TrainResult result;
  private boolean stopSent;
  private boolean pauseSent;
  private String stopActor;
  private String pauseActor;
  private String pauseReason;

  @Override
  public TrainResult run(TrainRequest train) {
    TrainPlan plan;
    try {
      plan = TrainPlan.of(train);
    } catch (InvalidReleaseException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          e.getMessage(), InvalidReleaseException.FAILURE_TYPE);
    }
    request = train;
    long began = Workflow.currentTimeMillis();
    plan.releases().forEach(r -> cars.put(r.service(), new TrainCar(r)));

    runInOrder(plan);
    for (TrainCar car : cars.values()) {
      if (car.state == TrainCar.State.WAITING) {
        car.skip(stoppedBecause);
      }
    }
    if (stoppedBecause != null) {
      rollBackPromoted();
    }
    result =
        TrainOutcome.of(
            train.trainId(),
            List.copyOf(cars.values()),
            failedService,
            stoppedBecause,
            Workflow.currentTimeMillis() - began);
    return result;
  }

  /** Starts each release once those it goes after are promoted, until all end or one fails. */
  private void runInOrder(TrainPlan plan) {
    while (true) {
      if (stoppedBecause == null && pausedBecause == null) {
        for (TrainRequest.Release r : plan.ready(begun(), new HashSet<>(promotedInOrder))) {
          start(cars.get(r.service()));
        }
      }
      List<TrainCar> running = running();
      if (running.isEmpty() && pausedBecause != null && stoppedBecause == null && waiting()) {
        Workflow.await(() -> pausedBecause == null || stoppedBecause != null);
        pauseSent = pausedBecause != null;
        continue;
      }
      if (running.isEmpty()) {
        return;
      }
      Workflow.await(() -> running.stream().anyMatch(c -> c.run.isCompleted()) || untold());
      for (TrainCar car : running) {
        if (car.run.isCompleted()) {
          ended(car);
        }
      }
      tellRunning();
    }
  }

  /** A stop, pause or resume the releases still running have not been told of. */
  private boolean untold() {
    return (stoppedBecause != null && !stopSent) || (pausedBecause != null) != pauseSent;
  }

  /** Tells the releases running what the train was told since they last heard. */
  private void tellRunning() {
    if (stoppedBecause != null && !stopSent) {
      stopSent = true;
      running().forEach(c -> c.release.abort(new ControlRequest(stopActor, stoppedBecause)));
    }
    if ((pausedBecause != null) != pauseSent) {
      pauseSent = pausedBecause != null;
      ControlRequest control = new ControlRequest(pauseActor, pauseReason);
      running()
          .forEach(
              c -> {
                if (pauseSent) {
                  c.release.pause(control);
                } else {
                  c.release.resume(control);
                }
              });
    }
  }

  private void start(TrainCar car) {
    ReleaseRequest release = request.request(car.train);
    car.release = child(release);
    car.running(Async.function(car.release::run, release));
  }

  /**
   * The child release that runs {@code release} under its own ID, with its summary in the Web UI;
   * it outlives the train.
   */
  private static ReleaseWorkflow child(ReleaseRequest release) {
    return Workflow.newChildWorkflowStub(
        ReleaseWorkflow.class,
        ChildWorkflowOptions.newBuilder()
            .setWorkflowId(release.releaseId())
            .setStaticSummary(ReleaseSearchAttributes.summary(release))
            .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
            .build());
  }

  private void ended(TrainCar car) {
    if (car.ended() == ReleaseOutcome.PROMOTED) {
      promotedInOrder.add(car.service());
    } else if (stoppedBecause == null) {
      failedService = car.service();
      stopActor = request.requestedBy();
      stoppedBecause = car.service() + " " + car.describe();
    }
  }

  /** Rolls back, newest first, every release the train promoted. */
  private void rollBackPromoted() {
    for (int i = promotedInOrder.size() - 1; i >= 0; i--) {
      TrainCar car = cars.get(promotedInOrder.get(i));
      ReleaseRequest undo =
          request.undo(car.train, "train " + request.name() + " stopped: " + stoppedBecause);
      car.rollingBack(Async.function(child(undo)::run, undo));
      Workflow.await(() -> car.run.isCompleted());
      car.rolledBack();
    }
  }

  private Set<String> begun() {
    Set<String> begun = new HashSet<>();
    cars.values().stream()
        .filter(c -> c.state != TrainCar.State.WAITING)
        .forEach(c -> begun.add(c.service()));
    return begun;
  }

  private boolean waiting() {
    return cars.values().stream().anyMatch(c -> c.state == TrainCar.State.WAITING);
  }

  private List<TrainCar> running() {
    return cars.values().stream().filter(c -> c.state == TrainCar.State.RUNNING).toList();
  }

  @Override
  public void abort(ControlRequest r) {
    if (stoppedBecause == null && result == null && signed(r, true)) {
      stopActor = r.actor();
      stoppedBecause = "aborted by " + r.actor() + ": " + r.reason();
    }
  }

  @Override
  public void pause(ControlRequest r) {
    if (pausedBecause == null && result == null && signed(r, false)) {
      pauseActor = r.actor();
      pauseReason = r.reason();
      pausedBecause = "paused by " + r.actor() + (r.reason() == null ? "" : ": " + r.reason());
    }
  }

  @Override
  public void resume(ControlRequest r) {
    if (pausedBecause != null && signed(r, false)) {
      pauseActor = r.actor();
      pauseReason = r.reason();
      pausedBecause = null;
    }
  }

  /**
   * Whether a control says who sends it (and why, when {@code needsReason}) within the limits of
   * every control; a train ignores one that does not.
   */
  private static boolean signed(ControlRequest r, boolean needsReason) {
    return TrainPlan.unsigned(r, needsReason) == null
        && RequestCheck.control(r.actor(), r.reason()).isEmpty();
  }

  @Override
  public TrainStatus status() {
    return new TrainStatus(
        request == null ? null : request.trainId(),
        request == null ? null : request.environment(),
        request == null ? null : request.requestedBy(),
        cars.values().stream().map(TrainCar::status).toList(),
        pausedBecause,
        stoppedBecause,
        result);
  }
}
