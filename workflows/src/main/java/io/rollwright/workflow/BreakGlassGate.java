package io.rollwright.workflow;

import io.rollwright.api.ReleaseEvent.Kind;
import io.rollwright.policy.DurationText;
import io.rollwright.policy.Gate;
import io.rollwright.policy.Roles;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The wait of a break-glass start (a direct release, another policy than the service's own) for a
 * second holder of the break-glass role, before anything is deployed. It is an approval gate named
 * {@link Roles#CONFIRMATION}: approve confirms, reject refuses, and the requester cannot confirm.
 */
final class BreakGlassGate {
  private final ReleaseState state;
  private final BiConsumer<Kind, String> tell;
  private final Continuation continuation;
  private ApprovalTally open;

  BreakGlassGate(ReleaseState state, BiConsumer<Kind, String> tell, Continuation continuation) {
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
    String who = String.join(", ", tally.status().allowed());
    if (carried == null) {
      state.record(
          ReleaseState.SYSTEM,
          "approval requested",
          Roles.CONFIRMATION
              + ": "
              + breakGlass
              + " needs a second person, one of "
              + who
              + ", within "
              + DurationText.format(gate.timeout()));
      tell.accept(
          Kind.APPROVAL_REQUESTED,
          "break-glass: "
              + breakGlass
              + " needs confirmation by one of "
              + who
              + " within "
              + DurationText.format(gate.timeout())
              + " (by "
              + Instant.ofEpochMilli(deadline)
              + ")");
    }
    try {
      continuation.await(deadline, () -> tally.closed() || state.stop() != null);
    } finally {
      state.closeGate();
    }
    open = null;
    if (tally.approved() && state.stop() == null) {
      tell.accept(
          Kind.APPROVAL_CLOSED,
          "break-glass confirmed by " + String.join(", ", tally.approvedBy()));
      return null;
    }
    ReleaseState.Stop stop = state.stop();
    tell.accept(Kind.APPROVAL_CLOSED, stop != null ? "closed: " + stop.detail() : "timed out");
    return stop != null
        ? breakGlass + " was not confirmed: " + stop.detail()
        : breakGlass
            + " was not confirmed by a second holder of the breakGlass role within "
            + DurationText.format(gate.timeout());
  }
}
