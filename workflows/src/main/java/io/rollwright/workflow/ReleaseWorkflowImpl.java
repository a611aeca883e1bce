package io.rollwright.workflow;

import io.rollwright.api.ApprovalDecision;
import io.rollwright.api.ControlAnswer;
import io.rollwright.api.ControlCommand;
import io.rollwright.api.ControlLimits;
import io.rollwright.api.ControlRequest;
import io.rollwright.api.KillSwitchFlip;
import io.rollwright.api.Phase;
import io.rollwright.api.PreflightResult;
import io.rollwright.api.ProgressEvent;
import io.rollwright.api.PromoteRequest;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.ReleaseStatus;
import io.rollwright.api.ReleaseWorkflow;
import io.rollwright.api.RequestCheck;
import io.rollwright.api.ResolvedRelease;
import io.rollwright.api.RollbackReason;
import io.rollwright.api.TrafficTarget;
import io.rollwright.policy.BreachAction;
import io.rollwright.policy.Gate;
import io.rollwright.policy.InvalidReleaseException;
import io.rollwright.policy.ReleasePolicy;
import io.rollwright.policy.Strategy;
import io.rollwright.policy.Violation;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A release, as the process it runs: resolve the policy, pre-flight, then for each stage set the
 * weight, soak while analysis runs and pass the gate; bake at 100% when the policy says so;
 * promote. Anything that goes wrong after the first traffic action rolls back by compensation.
 *
 * <p>Controls and the ends of analysis runs are not applied where they arrive: they queue at {@link
 * ReleaseDesk}, which a thread of its own applies in a fixed order after everything the server
 * delivered together has arrived; this process only reacts to what the desk decided. A held canary
 * (paused, or at its gate) stays under analysis.
 */
public class ReleaseWorkflowImpl implements ReleaseWorkflow {
  private final ReleaseSteps steps = new ReleaseSteps();
  private final ReleaseVisibility visibility = new ReleaseVisibility();
  private final ReleaseCheckpoint resumed;
  private final ReleaseState state;
  private final ReleaseDesk desk;
  private final ReleaseAdmission admission;
  private final Continuation continuation;
  private final BreakGlassGate breakGlassGate;
  private final ReleaseNews news;
  private final ReleaseEnd end;
  private ReleaseRequest request;
  private ResolvedRelease release;
  private Permissions who;
  private ReleasePolicy policy;
  private TrafficTarget target;
  private boolean watchedHolds;
  private CanaryRun canaryRun;
  private final ReleaseUndo undo;

  @WorkflowInit
  public ReleaseWorkflowImpl(ReleaseRequest request) {
    resumed = Continuation.resumed();
    state =
        resumed == null
            ? new ReleaseState(request, Workflow::currentTimeMillis)
            : new ReleaseState(request, Workflow::currentTimeMillis, resumed.state());
    desk = new ReleaseDesk(state);
    admission = new ReleaseAdmission(state);
    continuation = new Continuation(desk::idle);
    news = new ReleaseNews(state, visibility, steps);
    undo = new ReleaseUndo(steps, admission, state, news);
    end = new ReleaseEnd(state, news, undo::replaced);
    breakGlassGate = new BreakGlassGate(state, news::tell, continuation);
  }

  @Override
  public ReleaseResult run(ReleaseRequest request) {
    this.request = request;
    release = resumed == null ? admit(request) : rejoin(resumed);
    this.request = release.request();
    state.releasing(this.request);
    policy = release.policy();
    state.resolved(policy.name(), policy.runStages().size(), policy.bake() != null);
    state.onAlert(policy.analysis() == null ? BreachAction.ROLLBACK : policy.analysis().onAlert());
    state.onKillSwitch(policy.onKillSwitch());
    String breakGlass = who == null ? null : who.breakGlass();
    Gate confirmation = who == null ? null : who.confirmation();
    Set<String> approvers =
        new LinkedHashSet<>(ApprovalTally.allowedAtAnyGate(policy.stages(), policy.groups()));
    approvers.addAll(confirmation == null ? List.of() : confirmation.approvers());
    state.approvers(approvers);
    visibility.plan(policy);
    visibility.type(this.request.type());
    target = TrafficTarget.of(this.request, policy);
    ReleaseCheckpoint.Resume at = resumed == null ? null : resumed.at();
    if (resumed == null) {
      news.started(this.request, policy.name(), release.policySource());
      undo.announce();
      if (breakGlass != null) {
        state.record(
            new ProgressEvent.BreakGlassAsked(
                state.now(), request.requestedBy(), breakGlass, confirmation == null));
      }
    } else {
      visibility.publish(state.processSnapshot(), null);
    }
    if (at == null || at.step() == ReleaseCheckpoint.Step.CONFIRMING) {
      ReleaseResult ended;
      try {
        ended = beforeDeploying(breakGlass, confirmation, at);
      } catch (Continuation.Due due) {
        return continueAsNew();
      }
      if (ended != null) {
        return ended;
      }
      at = null;
    }
    return this.request.strategy() == Strategy.DIRECT
        ? releaseDirectly(this.request)
        : releaseByCanary(at);
  }

  /** A release's first run: admitted and resolved. */
  private ResolvedRelease admit(ReleaseRequest request) {
    admission.refuseTwin(request);
    Async.procedure(this::applyArrivals);
    watchedHolds = Workflow.getVersion("watched-holds", Workflow.DEFAULT_VERSION, 1) == 1;
    admission.refuseIfInvalid(request);
    ResolvedRelease resolved =
        resolve(request.strategy() == Strategy.ROLLBACK ? undo.choose(request) : request);
    who = admission.permissions(resolved);
    return resolved;
  }

  /**
   * A run the release continued as: everything as the run before had it, nothing resolved or
   * checked again.
   */
  private ResolvedRelease rejoin(ReleaseCheckpoint from) {
    Async.procedure(this::applyArrivals);
    watchedHolds = from.watchedHolds();
    news.carried(from.thread());
    who = from.rolesChecked() ? Permissions.of(from.release()) : null;
    state.permissions(who);
    return from.release();
  }

  /**
   * Everything before the first traffic action: the confirmation of a break-glass start, and the
   * pre-flight checks. Returns the result when the release ends here, else null.
   */
  private ReleaseResult beforeDeploying(
      String breakGlass, Gate confirmation, ReleaseCheckpoint.Resume carried) {
    String unconfirmed =
        confirmation == null ? null : breakGlassGate.confirm(breakGlass, confirmation, carried);
    if (unconfirmed != null) {
      ReleaseState.Stop stop = state.stop();
      return stop != null && stop.reason() == RollbackReason.ABORTED
          ? finish(
              ReleaseOutcome.ROLLED_BACK,
              stop.reason(),
              stop.detail() + " (before anything was deployed)")
          : finish(ReleaseOutcome.BLOCKED, null, unconfirmed);
    }
    List<PreflightResult> failed = preflight(release);
    if (!failed.isEmpty()) {
      String why =
          failed.stream().map(r -> r.check() + ": " + r.detail()).collect(Collectors.joining("; "));
      news.tell(new ProgressEvent.Blocked(state.now(), ReleaseState.SYSTEM, why));
      return finish(ReleaseOutcome.BLOCKED, null, "pre-flight failed: " + why);
    }
    if (state.stop() != null) {
      return finish(
          ReleaseOutcome.ROLLED_BACK,
          state.stop().reason(),
          state.stop().detail() + " (before anything was deployed)");
    }
    return null;
  }

  /**
   * Continues the release as a new run at the wait it is in, carrying everything it knows. Called
   * where a wait threw {@link Continuation.Due}: every arrival applied, no rollback begun.
   */
  private ReleaseResult continueAsNew() {
    Continuation.continueAs(
        request,
        new ReleaseCheckpoint(
            Workflow.getInfo().getRunId(),
            release,
            here(),
            state.carry(),
            watchedHolds,
            who != null,
            news.thread()));
    throw new IllegalStateException("a release that continued as new ran on");
  }

  /** The wait the release is in, to resume at. */
  private ReleaseCheckpoint.Resume here() {
    ApprovalTally confirming = breakGlassGate.open();
    if (canaryRun != null) {
      return canaryRun.here(confirming);
    }
    return confirming == null
        ? new ReleaseCheckpoint.Resume(ReleaseCheckpoint.Step.BEFORE_STAGE, 0, 0, List.of(), 0, 0)
        : new ReleaseCheckpoint.Resume(
            ReleaseCheckpoint.Step.CONFIRMING,
            0,
            0,
            confirming.approvedBy(),
            confirming.status().deadlineMillis(),
            0);
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
      results =
          List.of(
              new PreflightResult("pre-flight", false, "could not run: " + Failures.describe(e)));
    }
    state.preflight(results);
    return results.stream().filter(r -> !r.passed()).toList();
  }

  private ReleaseResult releaseDirectly(ReleaseRequest request) {
    return end.direct(request, target, steps);
  }

  /**
   * The canary release from its first traffic action, or from the step a run before this one
   * reached ({@code at}).
   */
  private ReleaseResult releaseByCanary(ReleaseCheckpoint.Resume at) {
    canaryRun =
        new CanaryRun(
            new CanaryRun.Parts(steps, desk, state, news, end, continuation),
            release,
            target,
            watchedHolds);
    try {
      return canaryRun.run(at);
    } catch (Continuation.Due due) {
      return continueAsNew();
    }
  }

  private ReleaseResult finish(ReleaseOutcome outcome, RollbackReason reason, String detail) {
    return end.finish(target == null ? null : target.releaseId(), outcome, reason, detail);
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
  public void killSwitch(KillSwitchFlip flip) {
    state.killSwitch(flip);
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
    String refusal =
        broken.isEmpty()
            ? state.certainRefusal(command)
            : new InvalidReleaseException(broken).getMessage();
    if (refusal != null) {
      throw refusal.equals(state.roleRefusal(command))
          ? new ControlLimits.Forbidden(refusal)
          : new ControlLimits.Refusal(refusal);
    }
  }

  /**
   * Queues a control for the desk, its text clipped to {@link ControlLimits}, noting whether the
   * open gate's deadline had passed when it reached the server.
   */
  private void arrive(ControlCommand command, Arrival.Reply reply) {
    ApprovalTally gate = state.gate();
    desk.arrive(
        new Arrival.Control(ControlLimits.clip(command), gate != null && gate.expired(), reply));
  }

  @Override
  public ReleaseStatus status() {
    return state.snapshot();
  }

  @Override
  public List<String> controls(String caller) {
    return state.offeredTo(caller);
  }
}
