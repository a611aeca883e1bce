package io.rollwright.workflow;

import io.rollwright.api.ApprovalEvent;
import io.rollwright.api.AuditEntry;
import io.rollwright.policy.DurationText;
import io.rollwright.policy.Gate;
import io.rollwright.policy.Roles;
import io.temporal.workflow.Workflow;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The wait of a break-glass start (a direct release, another policy than the service's own) for a
 * second holder of the break-glass role, before anything is deployed. It is an approval gate named
 * {@link Roles#CONFIRMATION}: approve confirms, reject refuses, and the requester cannot confirm.
 */
final class BreakGlassGate {
  private final ReleaseState state;
  private final Consumer<AuditEntry> tell;
  private final Continuation continuation;
  private ApprovalTally open;

  BreakGlassGate(ReleaseState state, Consumer<AuditEntry> tell, Continuation continuation) {
    this.state = state;
    this.tell = tell;
    this.continuation = continuation;
  }

  /** The confirmation being awaited (also when the release continues as new from it), or null. */
  ApprovalTally open() {
    return open;
  }

  /**
   * Waits for the confirmation of {@code breakGlass}; returns null once confirmed, else why not. A
   * wait begun by the run the release continued from is {@code carried}: it is not requested again.
   */
  String confirm(String breakGlass, Gate gate, ReleaseCheckpoint.Resume carried) {
    ApprovalTally tally =
        ApprovalTally.open(
            Roles.CONFIRMATION,
            gate,
            Map.of(),
            state.requester(),
            Workflow.currentTimeMillis(),
            carried);
    long deadline = tally.status().deadlineMillis();
    state.openGate(tally);
    open = tally;
    if (carried == null) {
      ApprovalEvent.Requested requested =
          tally.request(Roles.CONFIRMATION + " of " + breakGlass, state.now());
      state.record(requested);
      tell.accept(requested);
    }
    try {
      continuation.await(deadline, () -> tally.closed() || state.stop() != null);
    } finally {
      state.closeGate();
    }
    open = null;
    if (tally.approved() && state.stop() == null) {
      closed(breakGlass, "break-glass confirmed by " + String.join(", ", tally.approvedBy()));
      return null;
    }
    ReleaseState.Stop stop = state.stop();
    closed(breakGlass, stop != null ? "closed: " + stop.detail() : "timed out");
    return stop != null
        ? breakGlass + " was not confirmed: " + stop.detail()
        : breakGlass
            + " was not confirmed by a second holder of the breakGlass role within "
            + DurationText.format(gate.timeout());
  }

  private void closed(String breakGlass, String how) {
    tell.accept(
        new ApprovalEvent.Closed(
            state.now(), ReleaseState.SYSTEM, Roles.CONFIRMATION + " of " + breakGlass, how));
  }
}
