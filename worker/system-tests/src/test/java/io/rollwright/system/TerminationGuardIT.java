package io.rollwright.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollwright.api.CompensationWorkflow;
import io.rollwright.api.Phase;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A release terminated from outside (Temporal CLI, Web UI) runs nothing more, not even its
 * rollback: the termination guard notices and restores stable with the release's own rollback.
 */
class TerminationGuardIT extends RealServerTest {
  private static String compensation(String releaseId) {
    String runId =
        server.client().newUntypedWorkflowStub(releaseId).describe().getExecution().getRunId();
    return CompensationWorkflow.idOf(runId);
  }

  /** What the compensation answered, once the guard has started it and it has ended. */
  private static String compensated(String compensationId) throws Exception {
    await(
        "the guard to start " + compensationId,
        Duration.ofMinutes(1),
        () -> {
          try {
            server.client().newUntypedWorkflowStub(compensationId).describe();
            return true;
          } catch (RuntimeException notYet) {
            return false;
          }
        });
    return server
        .client()
        .newUntypedWorkflowStub(compensationId)
        .getResult(60, TimeUnit.SECONDS, String.class);
  }

  @Test
  void aReleaseTerminatedMidCanaryHasItsTrafficRestoredToStable() throws Exception {
    try (AppProcess worker = worker("guard", "--rollwright.guard.every=1s")) {
      String id = start(request("terminated", "soak"));
      awaitAction("terminated", "set-weight 10%", Duration.ofMinutes(1));
      String compensationId = compensation(id);
      server.client().newUntypedWorkflowStub(id).terminate("terminated by an operator mid-canary");

      awaitAction("terminated", "scale-canary-to-zero", Duration.ofMinutes(1));
      assertEquals(
          List.of(
              "deploy-canary registry.example/terminated:2.3.0",
              "set-weight 10%",
              "route-all-to-stable",
              "scale-canary-to-zero"),
          AppProcess.plannedSequence(journal(), "terminated"));
      String done = compensated(compensationId);
      assertTrue(done.startsWith("restored stable for terminated@prod"), done);
    }
  }

  @Test
  void aReleaseTerminatedBeforeItMovedTrafficIsLeftAlone() throws Exception {
    try (AppProcess worker =
        worker(
            "guard-idle", "--rollwright.guard.every=1s", "--rollwright.sandbox.measure-delay=3s")) {
      String early = start(request("early", "crash-preflight"));
      awaitPhase(early, Phase.PREFLIGHT, Duration.ofMinutes(1));
      String compensationId = compensation(early);
      server
          .client()
          .newUntypedWorkflowStub(early)
          .terminate("terminated before any traffic moved");

      String answer = compensated(compensationId);
      assertTrue(answer.startsWith("nothing to restore for early@prod"), answer);
      assertTrue(
          AppProcess.plannedSequence(journal(), "early").isEmpty(),
          "no traffic action for a release that moved none");
    }
  }
}
