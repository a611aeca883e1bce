package io.rollwright.worker.real;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rollwright.api.ApprovalDecision;
import io.rollwright.api.Phase;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The Temporal server stops while a release waits for approval and starts again on the same database file. */
class ServerRestartIT extends RealServerTest {
  @Test
  void releaseWaitingForApprovalSurvivesAServerRestart() throws Exception {
    try (WorkerProcess worker = worker("restart")) {
      String id = start(request("inventory", "gate"));
      awaitPhase(id, Phase.AWAITING_APPROVAL, Duration.ofMinutes(1));

      server.restart();

      awaitPhase(id, Phase.AWAITING_APPROVAL, Duration.ofMinutes(1));
      release(id).approve(new ApprovalDecision("carol", "after the restart"));
      ReleaseResult result = result(id, Duration.ofMinutes(2));
      assertEquals(ReleaseOutcome.PROMOTED, result.outcome(), result.detail());
    }
  }
}
