package io.rollwright.workflow;

import io.rollwright.api.ApprovalEvent;
import io.rollwright.api.AuditEntry;
import io.rollwright.api.RollbackReason;
import io.rollwright.policy.DurationText;
import io.rollwright.policy.Gate;
import io.rollwright.policy.Stage;
import io.rollwright.policy.TimeoutAction;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The gate at the end of a stage: approvals counted until enough have come, a rejection, or the
 * deadline (then the gate's {@code onTimeout} decides), with the canary watched all the while.
 */
final class StageGate {
  private final ReleaseState state;
  private final CanaryWatch canary;
  private final Map<String, List<String>> groups;
  private final boolean watchedHolds;
  private final Consumer<AuditEntry> tell;
  private static final String EARLY_APPROVALS = "gate-tells-early-approvals";
  private ApprovalTally open;

  StageGate(
      ReleaseState state,
      CanaryWatch canary,
      Map<String, List<String>> groups,
      boolean watchedHolds,
      Consumer<AuditEntry> tell) {
    this.state = state;
    this.canary = canary;
    this.groups = groups;
    this.watchedHolds = watchedHolds;
    this.tell = tell;
  }

  /** The gate being passed (also when the release continues as new from it), or null. */
  ApprovalTally open() {
    return open;
  }

  /**
   * Passes {@code stage}'s gate, or throws {@link ReleaseStop} when the release is to roll back. A
   * gate opened by the run the release continued from is {@code carried}: its approvals and
   * deadline stand, and it is not requested again.
   */
  void pass(Stage stage, ReleaseCheckpoint.Resume carried) {
    ReleaseStop.ifBegun(state);
    Gate gate = stage.gate();
    if (!gate.needsApproval() || state.interrupted()) {
      return;
    }
    ApprovalTally tally =
        ApprovalTally.open(
            stage.name(), gate, groups, state.requester(), Workflow.currentTimeMillis(), carried);
    long deadline = tally.status().deadlineMillis();
    state.openGate(tally);
    open = tally;
    Duration timeout = Duration.ofMillis(Math.max(1, deadline - Workflow.currentTimeMillis()));
    CancellationScope expiry =
        Workflow.newCancellationScope(
            () ->
                Workflow.newTimer(timeout)
                    .handle(
                        (fired, cancelled) -> {
                          if (cancelled == null && watchedHolds) {
                            tally.expire();
                          }
                          return null;
                        }));
    int told = carried == null ? 0 : tally.approvedBy().size();
    if (carried == null) {
      ApprovalEvent.Requested requested = tally.request("stage " + stage.name(), state.now());
      state.record(requested);
      tell.accept(requested);
    }
    boolean decided;
    try {
      decided =
          watchedHolds
              ? awaitDecision(stage, tally, expiry, told)
              : ReleaseGateLegacy.awaitDecision(tally, gate, state, tell);
    } finally {
      state.closeGate();
    }
    open = null;
    if (state.stop() != null) {
      closed(
          stage,
          state.stop().reason() == RollbackReason.REJECTED
              ? tally.rejection()
              : "closed: " + state.stop().detail());
      throw new ReleaseStop();
    }
    if (state.fullPromotion() != null && !tally.closed()) {
      closed(stage, "skipped: promoted in full by " + state.fullPromotion().actor());
      return;
    }
    if (!decided) {
      String why =
          "no decision on stage "
              + stage.name()
              + " within "
              + DurationText.format(gate.timeout())
              + " ("
              + tally.approvedBy().size()
              + " of "
              + gate.required()
              + " approvals)";
      closed(stage, "timed out: " + why);
      if (gate.onTimeout() == TimeoutAction.REJECT) {
        state.beginRollback(RollbackReason.APPROVAL_TIMEOUT, why);
        throw new ReleaseStop();
      }
      state.record(new ApprovalEvent.OnTimeout(state.now(), ReleaseState.SYSTEM, why));
      return;
    }
    closed(stage, "approved by " + String.join(", ", tally.approvedBy()));
  }

  private void closed(Stage stage, String how) {
    tell.accept(
        new ApprovalEvent.Closed(state.now(), ReleaseState.SYSTEM, "stage " + stage.name(), how));
  }

  /**
   * Waits for the gate to close or its deadline (a timer whose firing is applied in the server's
   * order, so an approval recorded before it counts), watching the canary and telling each approval
   * short of the number needed as it comes (also one that came while the request was being sent,
   * after {@code told} approvals had been told). Returns whether the gate was decided in time.
   */
  private boolean awaitDecision(
      Stage stage, ApprovalTally tally, CancellationScope expiry, int told) {
    expiry.run();
    try {
      if (tally.approvedBy().size() > told
          && Workflow.getVersion(EARLY_APPROVALS, Workflow.DEFAULT_VERSION, 1)
              == Workflow.DEFAULT_VERSION) {
        told = tally.approvedBy().size();
      }
      while (true) {
        int seen = told;
        try {
          canary.hold(
              stage,
              () ->
                  tally.closed()
                      || tally.expired()
                      || state.interrupted()
                      || tally.approvedBy().size() != seen);
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
        tell.accept(
            new ApprovalEvent.Progress(
                state.now(),
                ReleaseState.SYSTEM,
                "stage " + stage.name(),
                tally.approvedBy(),
                tally.status().required(),
                tally.status().fromEach().isEmpty() ? null : tally.status().missing()));
      }
    } finally {
      expiry.cancel();
    }
  }
}
