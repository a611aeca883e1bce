package io.rollwright.workflow;

import io.rollwright.api.ApprovalEvent;
import io.rollwright.api.AuditEntry;
import io.rollwright.policy.Gate;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * How a gate was awaited before held canaries were watched (version {@code watched-holds}): kept
 * only so releases started then replay as they ran.
 */
final class ReleaseGateLegacy {
  private ReleaseGateLegacy() {}

  /**
   * Waits for the gate to close or time out, telling each approval short of the number needed as it
   * comes.
   */
  static boolean awaitDecision(
      ApprovalTally tally, Gate gate, ReleaseState state, Consumer<AuditEntry> tell) {
    if (Workflow.getVersion("approval-progress", Workflow.DEFAULT_VERSION, 1)
        == Workflow.DEFAULT_VERSION) {
      return Workflow.await(gate.timeout(), () -> tally.closed() || state.interrupted());
    }
    long deadline = Workflow.currentTimeMillis() + gate.timeout().toMillis();
    int told = 0;
    while (true) {
      int seen = told;
      Duration left = Duration.ofMillis(deadline - Workflow.currentTimeMillis());
      if (left.isNegative()
          || left.isZero()
          || !Workflow.await(
              left,
              () -> tally.closed() || state.interrupted() || tally.approvedBy().size() != seen)) {
        return false;
      }
      if (tally.closed() || state.interrupted()) {
        return true;
      }
      told = tally.approvedBy().size();
      tell.accept(
          new ApprovalEvent.Progress(
              state.now(),
              ReleaseState.SYSTEM,
              "stage " + tally.stage(),
              tally.approvedBy(),
              gate.required(),
              null));
    }
  }
}
