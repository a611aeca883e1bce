package io.rollwright.workflow;

import io.rollwright.api.ApprovalDecision;
import io.rollwright.api.ControlAnswer;
import io.rollwright.api.ControlCommand;
import io.rollwright.api.ControlLimits;
import io.rollwright.api.ControlRequest;
import io.rollwright.api.Phase;
import io.rollwright.api.PreflightResult;
import io.rollwright.api.PromoteRequest;
import io.rollwright.api.ReleaseEvent.Kind;
import io.rollwright.api.ReleaseEvent;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.ReleaseStatus;
import io.rollwright.api.ReleaseWorkflow;
import io.rollwright.api.ResolvedRelease;
import io.rollwright.api.RollbackReason;
import io.rollwright.api.Strategy;
import io.rollwright.api.TrafficTarget;
import io.rollwright.policy.DurationText;
import io.rollwright.policy.Gate;
import io.rollwright.policy.InvalidReleaseException;
import io.rollwright.policy.ReleasePolicy;
import io.rollwright.policy.RequestCheck;
import io.rollwright.policy.Stage;
import io.rollwright.policy.TimeoutAction;
import io.rollwright.policy.Violation;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Async;
import io.temporal.workflow.Saga;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * A release, as the process it runs: resolve the policy, pre-flight, then for each stage set the
 * weight, soak while analysis runs and pass the gate; promote. Anything that goes wrong after the
 * first traffic action rolls back by compensation.
 *
 * <p>Controls and the ends of analysis runs are not applied where they arrive: they queue at
 * {@link ReleaseDesk}, which a thread of its own applies in a fixed order after everything the
 * server delivered together has arrived; this process only reacts to what the desk decided. A held
 * canary (paused, or at its gate) stays under analysis.
 */
public class ReleaseWorkflowImpl implements ReleaseWorkflow {
  private final ReleaseSteps steps = new ReleaseSteps();
  private final ReleaseVisibility visibility = new ReleaseVisibility();
  private final ReleaseState state;
  private final ReleaseDesk desk;
  private final ReleaseAdmission admission;
  private ReleasePolicy policy;
  private TrafficTarget target;
  private CanaryWatch canary;
  private String thread;
  private boolean watchedHolds;

  @WorkflowInit
  public ReleaseWorkflowImpl(ReleaseRequest request) {
    state = new ReleaseState(request, Workflow::currentTimeMillis);
    desk = new ReleaseDesk(state);
    admission = new ReleaseAdmission(state);
  }

  @Override
  public ReleaseResult run(ReleaseRequest request) {
    admission.refuseTwin(request);
    Async.procedure(this::applyArrivals);
    watchedHolds = Workflow.getVersion("watched-holds", Workflow.DEFAULT_VERSION, 1) == 1;
    admission.refuseIfInvalid(request);
    ResolvedRelease release = resolve(request);
    policy = release.policy();
    state.resolved(policy.name(), policy.stages().size());
    Permissions who = admission.permissions(release);
    String breakGlass = who == null ? null : who.breakGlass();
    Gate confirmation = who == null ? null : who.confirmation();
    Set<String> approvers = new LinkedHashSet<>(ApprovalTally.allowedAtAnyGate(policy.stages(), policy.groups()));
    approvers.addAll(confirmation == null ? List.of() : confirmation.approvers());
    state.approvers(approvers);
    visibility.plan(policy);
    target = TrafficTarget.of(request, policy.router());
    tell(Kind.STARTED, request.service() + " " + request.version() + " → " + request.environment() + ", "
        + request.strategy().name().toLowerCase() + " (policy " + policy.name() + ", from " + release.policySource() + ")");
    if (breakGlass != null) {
      state.record(request.requestedBy(), "asked to break glass", breakGlass + (confirmation == null ? " (solo break-glass allowed)" : ""));
    }
    String unconfirmed = confirmation == null ? null : BreakGlassGate.confirm(breakGlass, confirmation, state, this::tell);
    if (unconfirmed != null) {
      ReleaseState.Stop stop = state.stop();
      return stop != null && stop.reason() == RollbackReason.ABORTED
          ? finish(ReleaseOutcome.ROLLED_BACK, stop.reason(), stop.detail() + " (before anything was deployed)")
          : finish(ReleaseOutcome.BLOCKED, null, unconfirmed);
    }

    List<PreflightResult> failed = preflight(release);
    if (!failed.isEmpty()) {
      String why = failed.stream().map(r -> r.check() + ": " + r.detail()).collect(Collectors.joining("; "));
      tell(Kind.BLOCKED, why);
      return finish(ReleaseOutcome.BLOCKED, null, "pre-flight failed: " + why);
    }
    if (state.stop() != null) {
      return finish(ReleaseOutcome.ROLLED_BACK, state.stop().reason(), state.stop().detail() + " (before anything was deployed)");
    }
    return request.strategy() == Strategy.DIRECT ? releaseDirectly(request) : releaseByCanary();
  }

  /** The desk's thread: applies what arrived once everything delivered with it has arrived too. */
  private void applyArrivals() {
    while (true) {
      Workflow.await(() -> !desk.idle());
      desk.drain();
    }
  }

  private ResolvedRelease resolve(ReleaseRequest request) {
    try {
      return steps.resolve(request);
    } catch (ActivityFailure e) {
      throw admission.refusal(Failures.describe(e));
    }
  }

  private List<PreflightResult> preflight(ResolvedRelease release) {
    state.phase(Phase.PREFLIGHT);
    List<PreflightResult> results;
    try {
      results = steps.preflight(release, policy.preflight());
    } catch (ActivityFailure e) {
      results = List.of(new PreflightResult("pre-flight", false, "could not run: " + Failures.describe(e)));
    }
    state.preflight(results);
    return results.stream().filter(r -> !r.passed()).toList();
  }

  private ReleaseResult releaseDirectly(ReleaseRequest request) {
    state.record(request.requestedBy(), "break-glass", "direct release, skipping stages and analysis: " + request.reason());
    tell(Kind.ALERT, "break-glass: " + request.requestedBy() + " releases " + request.version() + " directly: " + request.reason());
    state.phase(Phase.PROMOTING);
    try {
      steps.promote(target);
    } catch (ActivityFailure e) {
      tell(Kind.ALERT, "direct release did not complete; a human must check " + target.service() + ": " + Failures.describe(e));
      return finish(ReleaseOutcome.FAILED, RollbackReason.ERROR, "direct release did not complete: " + Failures.describe(e));
    }
    state.weight(100);
    return finish(ReleaseOutcome.PROMOTED, null, "direct (break-glass): " + request.reason());
  }

  private ReleaseResult releaseByCanary() {
    Saga saga = new Saga(new Saga.Options.Builder().build());
    try {
      saga.addCompensation(this::restoreStable);
      steps.deployCanary(target);
      canary = new CanaryWatch(steps, desk, state, this::tell, watchedHolds, target, policy.analysis(), Workflow.currentTimeMillis());
      List<Stage> stages = policy.stages();
      for (int i = 0; i < stages.size() && state.fullPromotion() == null; i++) {
        runStage(i + 1, stages.get(i), i == 0 ? null : stages.get(i - 1));
      }
      return promote(stages.get(stages.size() - 1));
    } catch (ReleaseStop stop) {
      return rollBack(saga);
    } catch (ActivityFailure e) {
      state.beginRollback(RollbackReason.ERROR, Failures.describe(e));
      return rollBack(saga);
    } catch (CanceledFailure e) {
      state.beginRollback(RollbackReason.ABORTED, "the release workflow was cancelled");
      return rollBack(saga);
    }
  }

  private void runStage(int number, Stage stage, Stage previous) {
    canary.holdWhilePaused(previous);
    state.enterStage(number, stage.name());
    requireNoStop();
    state.weight(steps.setWeight(target, stage.weight()));
    requireNoStop();
    state.record(ReleaseState.SYSTEM, "stage " + stage.name() + " started",
        "canary at " + Stage.weightText(stage.weight()) + ", soaking " + DurationText.format(stage.soak()));
    tell(Kind.STAGE_STARTED, "canary at " + Stage.weightText(stage.weight()));
    canary.soak(stage);
    passGate(stage);
    tell(Kind.STAGE_PASSED, "stage " + stage.name() + " passed");
  }

  private void requireNoStop() {
    ReleaseStop.ifBegun(state);
  }

  private void passGate(Stage stage) {
    requireNoStop();
    Gate gate = stage.gate();
    if (!gate.needsApproval() || state.interrupted()) {
      return;
    }
    ApprovalTally tally = new ApprovalTally(stage.name(), gate, policy.groups(), state.requester(),
        Workflow.currentTimeMillis() + gate.timeout().toMillis());
    state.openGate(tally);
    CancellationScope deadline = Workflow.newCancellationScope(() -> Workflow.newTimer(gate.timeout()).handle((fired, cancelled) -> {
      if (cancelled == null && watchedHolds) {
        tally.expire();
      }
      return null;
    }));
    state.record(ReleaseState.SYSTEM, "approval requested", "stage " + stage.name() + ": " + gate.required() + " of "
        + String.join(", ", tally.status().allowed()) + " within " + DurationText.format(gate.timeout()));
    tell(Kind.APPROVAL_REQUESTED, gate.required() + " approval(s) needed from " + String.join(", ", tally.status().allowed())
        + " within " + DurationText.format(gate.timeout()) + " (by " + Instant.ofEpochMilli(tally.status().deadlineMillis()) + ")");
    boolean decided;
    try {
      decided = watchedHolds ? awaitDecision(stage, tally, deadline) : ReleaseGateLegacy.awaitDecision(tally, gate, state, this::tell);
    } finally {
      state.closeGate();
    }
    if (state.stop() != null) {
      tell(Kind.APPROVAL_CLOSED, state.stop().reason() == RollbackReason.REJECTED ? tally.rejection() : "closed: " + state.stop().detail());
      throw new ReleaseStop();
    }
    if (state.fullPromotion() != null && !tally.closed()) {
      tell(Kind.APPROVAL_CLOSED, "skipped: promoted in full by " + state.fullPromotion().actor());
      return;
    }
    if (!decided) {
      String why = "no decision on stage " + stage.name() + " within " + DurationText.format(gate.timeout())
          + " (" + tally.approvedBy().size() + " of " + gate.required() + " approvals)";
      tell(Kind.APPROVAL_CLOSED, "timed out: " + why);
      if (gate.onTimeout() == TimeoutAction.REJECT) {
        state.beginRollback(RollbackReason.APPROVAL_TIMEOUT, why);
        throw new ReleaseStop();
      }
      state.record(ReleaseState.SYSTEM, "approved on timeout", why + "; the gate's onTimeout is approve");
      return;
    }
    tell(Kind.APPROVAL_CLOSED, "approved by " + String.join(", ", tally.approvedBy()));
  }

  /**
   * Waits for the gate to close or its deadline (a timer whose firing is applied in the server's
   * order, so an approval recorded before it counts), watching the canary and telling each approval
   * short of the number needed as it comes. Returns whether the gate was decided in time.
   */
  private boolean awaitDecision(Stage stage, ApprovalTally tally, CancellationScope deadline) {
    deadline.run();
    try {
      int told = 0;
      while (true) {
        int seen = told;
        try {
          canary.hold(stage, () -> tally.closed() || tally.expired() || state.interrupted() || tally.approvedBy().size() != seen);
        } catch (ReleaseStop stop) {
          return true;
        }
        if (tally.closed() || state.interrupted()) {
          return true;
        }
        if (tally.expired()) {
          return false;
        }
        told = tally.approvedBy().size();
        tell(Kind.APPROVAL_PROGRESS, "approved so far by " + String.join(", ", tally.approvedBy()) + " (" + told + " of " + tally.status().required() + ")");
      }
    } finally {
      deadline.cancel();
    }
  }

  private ReleaseResult promote(Stage last) {
    canary.holdWhilePaused(last);
    requireNoStop();
    state.phase(Phase.PROMOTING);
    steps.promote(target);
    state.weight(100);
    PromoteRequest full = state.fullPromotion();
    return finish(ReleaseOutcome.PROMOTED, null, full != null
        ? "promoted in full by " + full.actor() + ": " + full.reason()
        : "all " + policy.stages().size() + " stages passed");
  }

  private void restoreStable() {
    steps.rollback(target, policy.rollbackTimeout());
  }

  private ReleaseResult rollBack(Saga saga) {
    ReleaseState.Stop stop = state.stop();
    AtomicReference<ReleaseResult> result = new AtomicReference<>();
    Workflow.newDetachedCancellationScope(() -> {
      long began = Workflow.currentTimeMillis();
      if (stop.reason() == RollbackReason.ANALYSIS) {
        tell(Kind.ALERT, stop.detail());
      }
      state.phase(Phase.ROLLING_BACK);
      state.record(ReleaseState.SYSTEM, "rolling back", stop.reason().name().toLowerCase() + ": " + stop.detail());
      tell(Kind.ROLLING_BACK, stop.detail());
      try {
        saga.compensate();
        state.weight(0);
        result.set(finish(ReleaseOutcome.ROLLED_BACK, stop.reason(), stop.detail()));
      } catch (RuntimeException e) {
        String why = "rollback did not complete within its rollbackTimeout of " + DurationText.format(policy.rollbackTimeout())
            + " (retried for " + DurationText.format(Duration.ofMillis(Workflow.currentTimeMillis() - began).truncatedTo(ChronoUnit.SECONDS))
            + "): " + Failures.describe(e);
        tell(Kind.ALERT, "ROLLBACK FAILED for " + target.releaseId() + " — a human must restore stable traffic. " + why);
        result.set(finish(ReleaseOutcome.FAILED, stop.reason(), stop.detail() + "; " + why));
      }
    }).run();
    return result.get();
  }

  private ReleaseResult finish(ReleaseOutcome outcome, RollbackReason reason, String detail) {
    ReleaseResult result = new ReleaseResult(target == null ? null : target.releaseId(), outcome, reason, detail,
        Workflow.currentTimeMillis() - state.startedAt());
    state.finish(result);
    state.record(ReleaseState.SYSTEM, outcome.name().toLowerCase(), detail);
    tell(Kind.FINISHED, outcome.name() + ": " + detail);
    return result;
  }

  private void tell(Kind kind, String message) {
    ReleaseStatus now = state.snapshot();
    visibility.publish(state.processSnapshot());
    String kept = steps.tell(new ReleaseEvent(now.releaseId(), Workflow.getInfo().getRunId(), now.service(), now.environment(), kind, now.stage(), now.weight(), message,
        now.result() == null ? null : now.result().outcome(), now.result() == null ? null : now.result().rollbackReason(),
        Workflow.currentTimeMillis() - state.startedAt(), kind == Kind.ANALYSED ? now.verdicts() : List.of(),
        thread));
    thread = thread != null ? thread : kept;
  }

  @Override
  public void approve(ApprovalDecision decision) {
    arrive(ControlCommand.of(ControlCommand.Action.APPROVE, decision), null);
  }

  @Override
  public void reject(ApprovalDecision decision) {
    arrive(ControlCommand.of(ControlCommand.Action.REJECT, decision), null);
  }

  @Override
  public void pause(ControlRequest request) {
    arrive(ControlCommand.of(ControlCommand.Action.PAUSE, request), null);
  }

  @Override
  public void resume(ControlRequest request) {
    arrive(ControlCommand.of(ControlCommand.Action.RESUME, request), null);
  }

  @Override
  public void abort(ControlRequest request) {
    arrive(ControlCommand.of(ControlCommand.Action.ABORT, request), null);
  }

  @Override
  public void promote(PromoteRequest request) {
    arrive(ControlCommand.of(request), null);
  }

  @Override
  public ControlAnswer control(ControlCommand command) {
    Arrival.Reply reply = new Arrival.Reply();
    arrive(command, reply);
    Workflow.await(() -> reply.get() != null);
    return reply.get();
  }

  @Override
  public void validateControl(ControlCommand command) {
    List<Violation> broken = RequestCheck.control(command);
    String refusal = broken.isEmpty() ? state.certainRefusal(command) : new InvalidReleaseException(broken).getMessage();
    if (refusal != null) {
      throw refusal.equals(state.roleRefusal(command)) ? new ControlLimits.Forbidden(refusal) : new ControlLimits.Refusal(refusal);
    }
  }

  /**
   * Queues a control for the desk, its text clipped to {@link ControlLimits}, noting whether the
   * open gate's deadline had passed when it reached the server.
   */
  private void arrive(ControlCommand command, Arrival.Reply reply) {
    ApprovalTally gate = state.gate();
    desk.arrive(new Arrival.Control(ControlLimits.clip(command), gate != null && gate.expired(), reply));
  }

  @Override
  public ReleaseStatus status() {
    return state.snapshot();
  }
}
