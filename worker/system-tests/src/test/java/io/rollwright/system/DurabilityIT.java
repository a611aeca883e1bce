package io.rollwright.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rollwright.api.ApprovalDecision;
import io.rollwright.api.Phase;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.RollbackReason;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Releases survive a worker killed with {@code kill -9} and a restart of the Temporal server: a new
 * worker process picks each one up, it reaches the right outcome, and the sandbox's action log
 * shows exactly the planned sequence (repeats of the same idempotent action allowed).
 */
class DurabilityIT extends RealServerTest {
  private static final String IMAGE = "deploy-canary registry.example/%s:2.3.0";

  @Test
  void workerKilledDuringASoak() throws Exception {
    String id = start(request("orders", "soak"));
    try (AppProcess first = worker("soak-1")) {
      awaitAction("orders", "set-weight 10%", Duration.ofMinutes(1));
      Thread.sleep(4_000);
      first.kill9();
    }
    try (AppProcess second = worker("soak-2")) {
      ReleaseResult result = result(id, Duration.ofMinutes(3));
      assertEquals(ReleaseOutcome.PROMOTED, result.outcome(), result.detail());
    }
    assertEquals(
        List.of(
            IMAGE.formatted("orders"),
            "set-weight 10%",
            "set-weight 50%",
            "set-weight 100%",
            "promote-stable 2.3.0",
            "route-all-to-stable",
            "scale-canary-to-zero"),
        AppProcess.plannedSequence(journal(), "orders"));
  }

  @Test
  void workerKilledWhileWaitingForApproval() throws Exception {
    String id = start(request("billing", "gate"));
    try (AppProcess first = worker("gate-1")) {
      awaitPhase(id, Phase.AWAITING_APPROVAL, Duration.ofMinutes(1));
      first.kill9();
    }
    try (AppProcess second = worker("gate-2")) {
      release(id).approve(new ApprovalDecision("bob", "after the crash"));
      ReleaseResult result = result(id, Duration.ofMinutes(2));
      assertEquals(ReleaseOutcome.PROMOTED, result.outcome(), result.detail());
    }
    assertEquals(
        List.of(
            IMAGE.formatted("billing"),
            "set-weight 10%",
            "set-weight 100%",
            "promote-stable 2.3.0",
            "route-all-to-stable",
            "scale-canary-to-zero"),
        AppProcess.plannedSequence(journal(), "billing"));
  }

  @Test
  void workerStoppedGracefullyFinishesItsRunningActionFirst() throws Exception {
    String id = start(request("catalog", "soak"));
    try (AppProcess first = worker("graceful-1", "--rollwright.sandbox.action-delay=4s")) {
      awaitAction("catalog", IMAGE.formatted("catalog"), Duration.ofMinutes(1));
      awaitActivityStarted(id, "SetWeight", Duration.ofMinutes(1));
      first.terminate();
      assertEquals(
          List.of(IMAGE.formatted("catalog"), "set-weight 10%"),
          AppProcess.plannedSequence(journal(), "catalog"),
          "the weight change under way when the worker was told to stop was finished by it");
    }
    try (AppProcess second = worker("graceful-2")) {
      assertEquals(ReleaseOutcome.PROMOTED, result(id, Duration.ofMinutes(3)).outcome());
    }
  }

  @Test
  void workerKilledDuringARollbackAfterABreach() throws Exception {
    String id = start(request("payments", "soak"));
    String[] slowAndBreaching = {
      "--rollwright.sandbox.action-delay=3s",
      "--rollwright.sandbox.metrics[0]=payments canary error-rate = 0.002, 6s: 0.3"
    };
    try (AppProcess first = worker("rollback-1", slowAndBreaching)) {
      awaitAction("payments", "route-all-to-stable", Duration.ofMinutes(1));
      first.kill9();
    }
    List<String> atKill = AppProcess.plannedSequence(journal(), "payments");
    assertEquals(
        "route-all-to-stable",
        atKill.get(atKill.size() - 1),
        "killed between the rollback's two steps");
    try (AppProcess second = worker("rollback-2", slowAndBreaching)) {
      ReleaseResult result = result(id, Duration.ofMinutes(3));
      assertEquals(ReleaseOutcome.ROLLED_BACK, result.outcome(), result.detail());
      assertEquals(RollbackReason.ANALYSIS, result.rollbackReason());
    }
    assertEquals(
        List.of(
            IMAGE.formatted("payments"),
            "set-weight 10%",
            "route-all-to-stable",
            "scale-canary-to-zero"),
        AppProcess.plannedSequence(journal(), "payments"));
  }
}
