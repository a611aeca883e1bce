package io.rollwright.workflow;

import io.rollwright.api.ApprovalDecision;
import io.rollwright.api.AuditEntry;
import io.rollwright.api.ControlAnswer;
import io.rollwright.api.ControlCommand;
import io.rollwright.api.ControlCommand.Action;
import io.rollwright.api.ControlLimits;
import io.rollwright.api.ControlRequest;
import io.rollwright.api.ReleaseMemo;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.ReleaseSearchAttributes;
import io.rollwright.api.ReleaseWorkflow;
import io.rollwright.api.TrainEvent.Kind;
import io.rollwright.api.TrainPlan;
import io.rollwright.api.TrainRequest;
import io.rollwright.api.TrainResult;
import io.rollwright.api.TrainStatus;
import io.rollwright.api.TrainWorkflow;
import io.rollwright.policy.InvalidReleaseException;
import io.rollwright.policy.Strategy;
import io.rollwright.workflow.TrainCar.State;
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
  /** How many refused signals the status keeps, the latest. */
  private static final int KEPT_REFUSALS = 10;

  private final Map<String, TrainCar> cars = new LinkedHashMap<>();
  private final List<String> promotedInOrder = new ArrayList<>();
  private final List<String> refused = new ArrayList<>();
  private final Map<String, Map<String, List<String>>> groups = new LinkedHashMap<>();
  private TrainControls controls;
  private TrainNews news;
  private TrainRequest request;
  private final TrainBrakes brakes = new TrainBrakes();
  private String failedService;
  private TrainResult result;

  @Override
  public TrainResult run(TrainRequest train) {
    TrainPlan plan;
    try {
      plan = TrainPlan.of(train);
    } catch (InvalidReleaseException e) {
      throw refused(e.getMessage());
    }
    request = train;
    long began = Workflow.currentTimeMillis();
    plan.releases()
        .forEach(
            r -> cars.put(train.label(r), new TrainCar(r, train.label(r), train.environmentOf(r))));
    controls = TrainAdmission.admit(train, plan, groups);
    news = new TrainNews(train.trainId(), cars.values());
    news.tell(
        Kind.STARTED,
        null,
        train.trainId()
            + " started by "
            + train.requestedBy()
            + ": "
            + cars.size()
            + " release(s)");

    runInOrder(plan);
    announce();
    for (TrainCar car : cars.values()) {
      if (car.state == State.WAITING || car.state == State.CLEARED) {
        car.skip(brakes.stopped());
      }
    }
    if (brakes.stopped() != null && !train.keepsPromoted()) {
      rollBackPromoted();
    }
    result =
        TrainOutcome.of(
            train.trainId(),
            List.copyOf(cars.values()),
            failedService,
            brakes.stopped(),
            Workflow.currentTimeMillis() - began);
    news.tell(
        Kind.FINISHED,
        failedService,
        train.trainId() + " " + AuditEntry.lower(result.outcome()) + ": " + result.detail(),
        result.outcome());
    return result;
  }

  static ApplicationFailure refused(String why) {
    return ApplicationFailure.newNonRetryableFailure(why, InvalidReleaseException.FAILURE_TYPE);
  }

  /**
   * Clears each release once those it goes after are promoted (and its gate, if any, passes), and
   * starts it unless the train is paused, until all end or one fails.
   */
  private void runInOrder(TrainPlan plan) {
    while (true) {
      if (brakes.stopped() == null) {
        for (TrainRequest.Release r : plan.ready(begun(), new HashSet<>(promotedInOrder))) {
          clear(cars.get(request.label(r)));
        }
        if (brakes.paused() == null) {
          inState(State.CLEARED).forEach(this::start);
        }
      }
      List<TrainCar> active =
          cars.values().stream().filter(c -> c.atGate() || c.state == State.RUNNING).toList();
      if (active.isEmpty() && brakes.paused() != null && brakes.stopped() == null && waiting()) {
        announce();
        Workflow.await(() -> brakes.paused() == null || brakes.stopped() != null);
        brakes.noneRunning();
        announce();
        continue;
      }
      if (active.isEmpty()) {
        return;
      }
      Workflow.await(() -> active.stream().anyMatch(TrainCar::settled) || brakes.untold());
      for (TrainCar car : active) {
        if (car.settled() && car.atGate()) {
          passed(car);
        } else if (car.settled()) {
          ended(car);
        }
      }
      brakes.tell(running());
      announce();
    }
  }

  /** Lets {@code car} start, or opens its gate when it has one. */
  private void clear(TrainCar car) {
    if (!car.train.gated()) {
      car.cleared();
      return;
    }
    TrainGate gate =
        new TrainGate(
            car.train,
            car.label(),
            groups.getOrDefault(car.label(), Map.of()),
            request.requestedBy(),
            news);
    car.gated(gate, Async.function(() -> gate.pass(() -> brakes.stopped() != null)));
  }

  /** {@code car}'s gate has passed, refused it, or ended as the train stopped. */
  private void passed(TrainCar car) {
    String refusal = car.gatePassed.get();
    if (brakes.stopped() != null) {
      car.skip(brakes.stopped());
    } else if (refusal == null) {
      car.cleared();
    } else {
      car.refused(refusal);
      stop(car);
    }
  }

  private void announce() {
    brakes.announce(news, request.trainId(), failedService, !request.keepsPromoted());
  }

  private void start(TrainCar car) {
    ReleaseRequest release = request.request(car.train);
    car.release = child(release, news.joining());
    car.running(Async.function(car.release::run, release));
    news.tell(
        Kind.RELEASE_STARTED, car.label(), car.label() + " " + car.train.version() + " started");
  }

  /**
   * The child release that runs {@code release} under its own ID, with its summary in the Web UI
   * and the train's change (and, for a release forward, its commit time) in its memo, with {@code
   * joining} (the train's conversation); it outlives the train.
   */
  private static ReleaseWorkflow child(ReleaseRequest release, Map<String, Object> joining) {
    Map<String, Object> memo = new LinkedHashMap<>(joining);
    Long committed =
        release.strategy() == Strategy.ROLLBACK
            ? null
            : Workflow.getMemo(ReleaseMemo.CHANGE_COMMITTED_AT, Long.class, Long.class);
    memo.putAll(ReleaseMemo.of(release.changeRef(), committed));
    return Workflow.newChildWorkflowStub(
        ReleaseWorkflow.class,
        ChildWorkflowOptions.newBuilder()
            .setWorkflowId(release.releaseId())
            .setStaticSummary(ReleaseSearchAttributes.summary(release))
            .setMemo(memo)
            .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
            .build());
  }

  private void ended(TrainCar car) {
    news.ended(Kind.RELEASE_ENDED, car, car.ended());
    if (car.outcome() == ReleaseOutcome.PROMOTED) {
      promotedInOrder.add(car.label());
    } else if (brakes.stopped() == null) {
      stop(car);
    }
  }

  /**
   * The train stops at {@code car}, in its own name (which its releases take from it whatever their
   * roles); a train started before that stops in its requester's.
   */
  private void stop(TrainCar car) {
    failedService = car.label();
    brakes.stop(
        Workflow.getVersion("train-stops-as-itself", Workflow.DEFAULT_VERSION, 1)
                == Workflow.DEFAULT_VERSION
            ? request.requestedBy()
            : request.trainId(),
        car.stops());
  }

  /** Rolls back, newest first, every release the train promoted. */
  private void rollBackPromoted() {
    for (int i = promotedInOrder.size() - 1; i >= 0; i--) {
      TrainCar car = cars.get(promotedInOrder.get(i));
      ReleaseRequest undo =
          request.undo(car.train, "train " + request.name() + " stopped: " + brakes.stopped());
      car.rollingBack(Async.function(child(undo, news.joining())::run, undo));
      news.tell(
          Kind.UNDOING,
          car.label(),
          "rolling back " + car.label() + " to the version promoted before " + car.train.version());
      Workflow.await(() -> car.run.isCompleted());
      news.ended(Kind.UNDONE, car, car.rolledBack());
    }
  }

  private Set<String> begun() {
    Set<String> begun = new HashSet<>();
    cars.values().stream().filter(c -> c.state != State.WAITING).forEach(c -> begun.add(c.label()));
    return begun;
  }

  private boolean waiting() {
    return cars.values().stream()
        .anyMatch(c -> c.state == State.WAITING || c.state == State.CLEARED);
  }

  private List<TrainCar> running() {
    return inState(State.RUNNING);
  }

  private List<TrainCar> inState(State state) {
    return cars.values().stream().filter(c -> c.state == state).toList();
  }

  @Override
  public void abort(ControlRequest r) {
    signalled(ControlCommand.of(Action.ABORT, r));
  }

  @Override
  public void pause(ControlRequest r) {
    signalled(ControlCommand.of(Action.PAUSE, r));
  }

  @Override
  public void resume(ControlRequest r) {
    signalled(ControlCommand.of(Action.RESUME, r));
  }

  @Override
  public void approve(ApprovalDecision d) {
    signalled(ControlCommand.of(Action.APPROVE, d));
  }

  @Override
  public void reject(ApprovalDecision d) {
    signalled(ControlCommand.of(Action.REJECT, d));
  }

  /** A control sent as a signal, which cannot be answered: its refusal is kept in the status. */
  private void signalled(ControlCommand c) {
    ControlCommand clipped = ControlLimits.clip(c);
    ControlAnswer answer = decide(clipped);
    if (!answer.accepted()) {
      if (refused.size() == KEPT_REFUSALS) {
        refused.remove(0);
      }
      refused.add(
          CertainRefusals.signal(clipped) + " by " + clipped.actor() + ": " + answer.message());
    }
  }

  @Override
  public ControlAnswer control(ControlCommand c) {
    return decide(ControlLimits.clip(c));
  }

  @Override
  public void validateControl(ControlCommand c) {
    TrainControls.Refusal r = refusal(c);
    if (r != null) {
      throw r.forbidden()
          ? new ControlLimits.Forbidden(r.why())
          : new ControlLimits.Refusal(r.why());
    }
  }

  /**
   * Applies {@code c} unless the train refuses it, once the train knows its services' roles; the
   * loop of {@link #run} tells the running releases.
   */
  private ControlAnswer decide(ControlCommand c) {
    Workflow.await(() -> controls != null);
    TrainControls.Refusal r = refusal(c);
    if (r != null) {
      return new ControlAnswer(false, r.why(), r.forbidden());
    }
    String id = Workflow.getInfo().getWorkflowId();
    switch (c.action()) {
      case APPROVE, REJECT -> {
        TrainCar car = gateOf(c);
        ApprovalTally tally = car.gate.open();
        ApprovalDecision d = new ApprovalDecision(c.actor(), c.reason());
        String counted =
            (c.action() == Action.APPROVE ? tally.approve(d) : tally.reject(d)).message();
        Async.procedure(() -> car.gate.progressed(counted));
        return new ControlAnswer(true, "the gate of " + car.label() + ": " + counted);
      }
      case ABORT -> {
        brakes.stop(c.actor(), "aborted by " + c.actor() + ": " + c.reason());
        return new ControlAnswer(
            true,
            id
                + " stops: its running releases are aborted and those it promoted rolled back,"
                + " newest first");
      }
      case PAUSE -> {
        brakes.pause(c.actor(), c.reason());
        return new ControlAnswer(
            true, id + " paused: its running releases hold and nothing more starts until resumed");
      }
      default -> {
        brakes.resume(c.actor(), c.reason());
        return new ControlAnswer(true, id + " resumed");
      }
    }
  }

  /** Why the train refuses {@code c} now, or null: as a rule, or as the gate it decides would. */
  private TrainControls.Refusal refusal(ControlCommand c) {
    TrainControls.Refusal r =
        (controls == null ? TrainControls.ROLES_UNKNOWN : controls).refusal(c, closed(c));
    if (r != null || (c.action() != Action.APPROVE && c.action() != Action.REJECT)) {
      return r;
    }
    Denial d =
        gateOf(c)
            .gate
            .open()
            .refusal(new ApprovalDecision(c.actor(), c.reason()), c.action() == Action.APPROVE);
    return d == null ? null : new TrainControls.Refusal(d.to(c.actor()), d.forbids());
  }

  private TrainCar gateOf(ControlCommand c) {
    return TrainGates.decided(cars.values(), c.stage());
  }

  /** Why the train takes no {@code c} now, or null. */
  private String closed(ControlCommand c) {
    String id = Workflow.getInfo().getWorkflowId();
    if (result != null) {
      return id + " has ended: " + result.outcome() + " — " + result.detail();
    }
    if (brakes.stopped() != null) {
      return id + " is already stopping: " + brakes.stopped();
    }
    Action action = c == null ? null : c.action();
    if (action == Action.APPROVE || action == Action.REJECT) {
      return TrainGates.noGate(id, cars.values(), c.stage());
    }
    if (action == Action.PAUSE && brakes.paused() != null) {
      return id + " is already " + brakes.paused();
    }
    return action == Action.RESUME && brakes.paused() == null ? id + " is not paused" : null;
  }

  @Override
  public TrainStatus status() {
    return new TrainStatus(
        request == null ? null : request.trainId(),
        request == null ? null : request.environment(),
        request == null ? null : request.requestedBy(),
        cars.values().stream().map(TrainCar::status).toList(),
        brakes.paused(),
        brakes.stopped(),
        refused,
        result);
  }
}
