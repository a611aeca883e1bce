package io.rollwright.workflow;

import io.rollwright.analysis.SoakDecision;
import io.rollwright.api.ApprovalDecision;
import io.rollwright.api.ControlAnswer;
import io.rollwright.api.ControlCommand;
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
import io.rollwright.api.SoakRequest;
import io.rollwright.api.SoakResult;
import io.rollwright.api.Strategy;
import io.rollwright.api.TrafficTarget;
import io.rollwright.policy.DurationText;
import io.rollwright.policy.Gate;
import io.rollwright.policy.InvalidReleaseException;
import io.rollwright.policy.ReleasePolicy;
import io.rollwright.policy.Stage;
import io.rollwright.policy.TimeoutAction;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Saga;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * A release, as the process it runs: resolve the policy, pre-flight, then for each stage set the
 * weight, soak while analysis runs and pass the gate; promote. Anything that goes wrong after the
 * first traffic action rolls back by compensation.
 */
public class ReleaseWorkflowImpl implements ReleaseWorkflow {
  private final ReleaseSteps steps = new ReleaseSteps();
  private final ReleaseVisibility visibility = new ReleaseVisibility();
  private final ReleaseState state;
  private ReleasePolicy policy;
  private TrafficTarget target;
  private long canarySince;
  private String thread;

  @WorkflowInit
  public ReleaseWorkflowImpl(ReleaseRequest request) {
    state = new ReleaseState(request, Workflow::currentTimeMillis);
  }

  @Override
  public ReleaseResult run(ReleaseRequest request) {
    ResolvedRelease release = resolve(request);
    policy = release.policy();
    state.resolved(policy.name(), policy.stages().size());
    visibility.plan(policy);
    target = TrafficTarget.of(request, policy.router());
    tell(Kind.STARTED, request.service() + " " + request.version() + " → " + request.environment() + ", "
        + request.strategy().name().toLowerCase() + " (policy " + policy.name() + ", from " + release.policySource() + ")");

    List<PreflightResult> failed = preflight(release);
    if (!failed.isEmpty()) {
      String why = failed.stream().map(r -> r.check() + ": " + r.detail()).collect(Collectors.joining("; "));
      tell(Kind.BLOCKED, why);
      return finish(ReleaseOutcome.BLOCKED, null, "pre-flight failed: " + why);
    }
    return request.strategy() == Strategy.DIRECT ? releaseDirectly(request) : releaseByCanary();
  }

  private ResolvedRelease resolve(ReleaseRequest request) {
    try {
      return steps.resolve(request);
    } catch (ActivityFailure e) {
      String why = describe(e);
      state.record(ReleaseState.SYSTEM, "refused request", why);
      throw ApplicationFailure.newNonRetryableFailure(why, InvalidReleaseException.FAILURE_TYPE);
    }
  }

  private List<PreflightResult> preflight(ResolvedRelease release) {
    state.phase(Phase.PREFLIGHT);
    List<PreflightResult> results;
    try {
      results = steps.preflight(release, policy.preflight());
    } catch (ActivityFailure e) {
      results = List.of(new PreflightResult("pre-flight", false, "could not run: " + describe(e)));
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
      tell(Kind.ALERT, "direct release did not complete; a human must check " + target.service() + ": " + describe(e));
      return finish(ReleaseOutcome.FAILED, RollbackReason.ERROR, "direct release did not complete: " + describe(e));
    }
    state.weight(100);
    return finish(ReleaseOutcome.PROMOTED, null, "direct (break-glass): " + request.reason());
  }

  private ReleaseResult releaseByCanary() {
    Saga saga = new Saga(new Saga.Options.Builder().build());
    try {
      saga.addCompensation(this::restoreStable);
      steps.deployCanary(target);
      canarySince = Workflow.currentTimeMillis();
      List<Stage> stages = policy.stages();
      for (int i = 0; i < stages.size() && state.fullPromotion() == null; i++) {
        runStage(i + 1, stages.get(i));
      }
      return promote();
    } catch (ReleaseStop stop) {
      return rollBack(saga, stop.reason, stop.getMessage());
    } catch (ActivityFailure e) {
      return rollBack(saga, RollbackReason.ERROR, describe(e));
    } catch (CanceledFailure e) {
      return rollBack(saga, RollbackReason.ABORTED, "the release workflow was cancelled");
    }
  }

  private void runStage(int number, Stage stage) {
    state.enterStage(number, stage.name());
    stopIfAborted();
    state.weight(steps.setWeight(target, stage.weight()));
    state.record(ReleaseState.SYSTEM, "stage " + stage.name() + " started",
        "canary at " + Stage.weightText(stage.weight()) + ", soaking " + DurationText.format(stage.soak()));
    tell(Kind.STAGE_STARTED, "canary at " + Stage.weightText(stage.weight()));
    soak(stage);
    passGate(stage);
    awaitUnpaused();
    tell(Kind.STAGE_PASSED, "stage " + stage.name() + " passed");
  }

  private void soak(Stage stage) {
    Duration remaining = stage.soak();
    while (remaining.compareTo(Duration.ZERO) > 0 && !state.soakSkipped()) {
      SoakResult result;
      try {
        result = analyse(stage, remaining);
      } catch (ActivityFailure e) {
        pauseForHuman("analysis could not run: " + describe(e));
        continue;
      }
      if (result == null) {
        break;
      }
      state.verdicts(result.readings());
      SoakDecision decision = result.decision();
      state.record(ReleaseState.SYSTEM, "analysis " + decision.verdict().name(),
          decision.reason() + " (" + result.samples() + " sample(s) over "
          + DurationText.format(Duration.ofMillis(result.elapsedMillis()).truncatedTo(ChronoUnit.SECONDS)) + ")");
      tell(Kind.ANALYSED, decision.verdict().name() + ": " + decision.reason());
      if (decision.rollsBack()) {
        tell(Kind.ALERT, decision.reason());
        throw new ReleaseStop(RollbackReason.ANALYSIS, decision.reason());
      }
      if (decision.stopsSoak()) {
        pauseForHuman(decision.verdict().name() + ": " + decision.reason());
      }
      remaining = remaining.minusMillis(result.elapsedMillis());
    }
    stopIfAborted();
  }

  /** Runs the analysis of what is left of the soak; {@code null} when a promotion or abort ended it early. */
  private SoakResult analyse(Stage stage, Duration remaining) {
    SoakRequest request = new SoakRequest(target, stage.name(), stage.weight(), remaining, stage.checks(), policy.analysis(), canarySince);
    AtomicReference<Promise<SoakResult>> running = new AtomicReference<>();
    CancellationScope scope = Workflow.newCancellationScope(() -> running.set(steps.soak(request)));
    scope.run();
    Workflow.await(() -> running.get().isCompleted() || state.soakSkipped());
    if (running.get().isCompleted()) {
      return running.get().get();
    }
    scope.cancel();
    return null;
  }

  private void passGate(Stage stage) {
    Gate gate = stage.gate();
    if (!gate.needsApproval() || state.interrupted()) {
      return;
    }
    ApprovalTally tally = new ApprovalTally(stage.name(), gate, policy.groups(), state.requester(),
        Workflow.currentTimeMillis() + gate.timeout().toMillis());
    state.openGate(tally);
    state.record(ReleaseState.SYSTEM, "approval requested", "stage " + stage.name() + ": " + gate.required() + " of "
        + String.join(", ", tally.status().allowed()) + " within " + DurationText.format(gate.timeout()));
    tell(Kind.APPROVAL_REQUESTED, gate.required() + " approval(s) needed from " + String.join(", ", tally.status().allowed())
        + " within " + DurationText.format(gate.timeout()) + " (by " + Instant.ofEpochMilli(tally.status().deadlineMillis()) + ")");
    boolean decided = awaitDecision(tally, gate);
    state.closeGate();
    state.phase(Phase.SOAKING);
    stopIfAborted();
    if (tally.rejected()) {
      tell(Kind.APPROVAL_CLOSED, tally.rejection());
      throw new ReleaseStop(RollbackReason.REJECTED, tally.rejection());
    }
    if (!decided) {
      String why = "no decision on stage " + stage.name() + " within " + DurationText.format(gate.timeout())
          + " (" + tally.approvedBy().size() + " of " + gate.required() + " approvals)";
      tell(Kind.APPROVAL_CLOSED, "timed out: " + why);
      if (gate.onTimeout() == TimeoutAction.REJECT) {
        throw new ReleaseStop(RollbackReason.APPROVAL_TIMEOUT, why);
      }
      state.record(ReleaseState.SYSTEM, "approved on timeout", why + "; the gate's onTimeout is approve");
      return;
    }
    tell(Kind.APPROVAL_CLOSED, "approved by " + String.join(", ", tally.approvedBy()));
  }

  /** Waits for the gate to close, telling each approval short of the number needed as it comes. */
  private boolean awaitDecision(ApprovalTally tally, Gate gate) {
    if (Workflow.getVersion("approval-progress", Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
      return Workflow.await(gate.timeout(), () -> tally.closed() || state.interrupted());
    }
    long deadline = Workflow.currentTimeMillis() + gate.timeout().toMillis();
    int told = 0;
    while (true) {
      int seen = told;
      Duration left = Duration.ofMillis(deadline - Workflow.currentTimeMillis());
      if (left.isNegative() || left.isZero()
          || !Workflow.await(left, () -> tally.closed() || state.interrupted() || tally.approvedBy().size() != seen)) {
        return false;
      }
      if (tally.closed() || state.interrupted()) {
        return true;
      }
      told = tally.approvedBy().size();
      tell(Kind.APPROVAL_PROGRESS, "approved so far by " + String.join(", ", tally.approvedBy()) + " (" + told + " of " + gate.required() + ")");
    }
  }

  private void pauseForHuman(String why) {
    state.pauseBySystem(why);
    tell(Kind.PAUSED, why + " — resume or abort");
    awaitUnpaused();
  }

  private void awaitUnpaused() {
    if (state.paused()) {
      Workflow.await(() -> !state.paused() || state.interrupted());
      stopIfAborted();
      tell(Kind.RESUMED, "resumed");
    }
  }

  private void stopIfAborted() {
    ControlRequest abort = state.abortRequest();
    if (abort != null) {
      throw new ReleaseStop(RollbackReason.ABORTED, "aborted by " + abort.actor() + ": " + abort.reason());
    }
  }

  private ReleaseResult promote() {
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

  private ReleaseResult rollBack(Saga saga, RollbackReason reason, String detail) {
    AtomicReference<ReleaseResult> result = new AtomicReference<>();
    Workflow.newDetachedCancellationScope(() -> {
      state.phase(Phase.ROLLING_BACK);
      state.record(ReleaseState.SYSTEM, "rolling back", reason.name().toLowerCase() + ": " + detail);
      tell(Kind.ROLLING_BACK, detail);
      try {
        saga.compensate();
        state.weight(0);
        result.set(finish(ReleaseOutcome.ROLLED_BACK, reason, detail));
      } catch (RuntimeException e) {
        String why = "rollback did not complete within " + DurationText.format(policy.rollbackTimeout()) + ": " + describe(e);
        tell(Kind.ALERT, "ROLLBACK FAILED for " + target.releaseId() + " — a human must restore stable traffic. " + why);
        result.set(finish(ReleaseOutcome.FAILED, reason, detail + "; " + why));
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
    visibility.publish(now);
    String kept = steps.tell(new ReleaseEvent(now.releaseId(), Workflow.getInfo().getRunId(), now.service(), now.environment(), kind, now.stage(), now.weight(), message,
        now.result() == null ? null : now.result().outcome(), now.result() == null ? null : now.result().rollbackReason(),
        Workflow.currentTimeMillis() - state.startedAt(), kind == Kind.ANALYSED ? now.verdicts() : List.of(),
        thread));
    thread = thread != null ? thread : kept;
  }

  /** The most useful message of a failure: the application's own, or what timed out. */
  private static String describe(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause instanceof ActivityFailure) {
      cause = cause.getCause();
    }
    if (cause instanceof ApplicationFailure a) {
      return a.getOriginalMessage();
    }
    if (cause instanceof Saga.CompensationException && cause.getCause() != null) {
      return describe(cause.getCause());
    }
    return cause instanceof TemporalFailure t ? t.getOriginalMessage() : String.valueOf(cause.getMessage());
  }

  @Override
  public void approve(ApprovalDecision decision) {
    state.approve(decision);
  }

  @Override
  public void reject(ApprovalDecision decision) {
    state.reject(decision);
  }

  @Override
  public void pause(ControlRequest request) {
    state.pause(request);
  }

  @Override
  public void resume(ControlRequest request) {
    state.resume(request);
  }

  @Override
  public void abort(ControlRequest request) {
    state.abort(request);
  }

  @Override
  public void promote(PromoteRequest request) {
    state.promote(request);
  }

  @Override
  public ControlAnswer control(ControlCommand command) {
    return state.apply(command);
  }

  @Override
  public ReleaseStatus status() {
    return state.snapshot();
  }
}
