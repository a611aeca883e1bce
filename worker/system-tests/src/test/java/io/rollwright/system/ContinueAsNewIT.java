package io.rollwright.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollwright.api.AuditEntry;
import io.rollwright.api.CompensationWorkflow;
import io.rollwright.api.ControlAnswer;
import io.rollwright.api.ControlCommand;
import io.rollwright.api.Phase;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.ReleaseStatus;
import io.rollwright.client.ReleaseControls;
import io.rollwright.client.ReleaseHistory;
import io.rollwright.client.ReleaseRecord;
import io.rollwright.worker.ControlFlood;
import io.rollwright.worker.ReleaseReplayTest;
import io.temporal.api.history.v1.History;
import io.temporal.client.WorkflowExecutionMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Releases flooded with controls on a real dev server that suggests continuing as new after 150
 * events, or 11 updates (of a limit of 12), or 4 MiB of history: they continue as new at their soak
 * and at their gate, and callers see one release — the same stage, approvals, pause, audit and
 * traffic, controls by the release's first run, one outcome.
 */
class ContinueAsNewIT extends RealServerTest {
  private static final ControlCommand.Action APPROVE = ControlCommand.Action.APPROVE;
  private static final int MAX_UPDATES = 12;
  private static AppProcess worker;

  /** Replaces the base class's server with one that suggests continuing as new early. */
  @BeforeAll
  static void startServerThatSuggestsContinuingEarly() throws Exception {
    server.close();
    server =
        TemporalDevServer.start(
            dir.resolve("server-150"),
            "limit.historyCount.suggestContinueAsNew=150",
            "history.maxTotalUpdates=" + MAX_UPDATES);
    worker = worker("continue", "--rollwright.guard.every=1s");
  }

  @AfterAll
  static void stopWorker() throws InterruptedException {
    closeAll(worker);
  }

  @Test
  void aFloodedReleaseContinuesAsNewAtItsSoakAndGateAndStillPromotes() throws Exception {
    String id = start(request("long-haul", "long-haul"));
    String first = firstRun(id);
    ReleaseControls controls = new ReleaseControls(server.client(), Duration.ofSeconds(30));
    awaitPhase(id, Phase.SOAKING, Duration.ofMinutes(1));
    Instant began = Instant.ofEpochMilli(release(id).status().startedAtMillis());

    ControlFlood.refusedSignals(release(id), 200);
    assertTrue(
        controls
            .send(id, first, control(ControlCommand.Action.PAUSE, "oncall-sam", "watching"))
            .accepted());
    await("a run continued at the soak", Duration.ofMinutes(1), () -> runs(id) > 1);
    ReleaseStatus held = release(id).status();
    assertEquals(Phase.PAUSED, held.phase());
    assertEquals("canary-10", held.stage());
    assertEquals(10.0, held.weight());
    assertTrue(
        controls
            .send(id, first, control(ControlCommand.Action.RESUME, "oncall-sam", "looks fine"))
            .accepted());

    awaitPhase(id, Phase.AWAITING_APPROVAL, Duration.ofMinutes(2));
    assertEquals(
        new ControlAnswer(true, "approved by bob (1 of 2)"),
        controls.send(id, first, control(APPROVE, "bob", "ok")));
    int before = runs(id);
    ControlFlood.refusedSignals(release(id), 200);
    await("a run continued at the gate", Duration.ofMinutes(1), () -> runs(id) > before);
    ReleaseStatus gated = release(id).status();
    assertEquals(Phase.AWAITING_APPROVAL, gated.phase());
    assertEquals(List.of("bob"), gated.gate().approvedBy(), "the approval made before is carried");
    assertEquals(
        new ControlAnswer(false, "bob has already approved; an approver counts once"),
        controls.send(id, first, control(APPROVE, "bob", "again")));
    assertEquals(
        new ControlAnswer(true, "approved by carol (2 of 2)"),
        controls.send(id, first, control(APPROVE, "carol", "ok")));

    ReleaseResult result =
        server
            .client()
            .newUntypedWorkflowStub(id, Optional.of(first), Optional.empty())
            .getResult(2, TimeUnit.MINUTES, ReleaseResult.class);
    assertEquals(ReleaseOutcome.PROMOTED, result.outcome(), result.toString());
    assertTrue(
        result.durationMillis() >= 40_000,
        "the duration counts from the release's start: " + result.durationMillis());
    assertEquals(
        List.of(
            "deploy-canary registry.example/long-haul:2.3.0",
            "set-weight 10%",
            "set-weight 50%",
            "set-weight 100%",
            "promote-stable 2.3.0",
            "route-all-to-stable",
            "scale-canary-to-zero"),
        AppProcess.plannedSequence(journal(), "long-haul"),
        "every traffic action once, none repeated by a continued run");

    List<AuditEntry> audit = release(id).status().audit();
    assertEquals(
        1,
        audit.stream().filter(e -> e.action().equals("approval requested")).count(),
        audit.toString());
    for (String[] decision :
        List.of(
            new String[] {"oncall-sam", "paused"},
            new String[] {"oncall-sam", "resumed"},
            new String[] {"bob", "approved"},
            new String[] {"carol", "approved"})) {
      assertTrue(
          audit.stream()
              .anyMatch(e -> e.actor().equals(decision[0]) && e.action().equals(decision[1])),
          audit.toString());
    }
    assertTrue(
        audit.stream()
            .anyMatch(
                e ->
                    e.actor().equals("alice")
                        && e.detail().equals(ControlFlood.SELF_APPROVAL + " (×200)")),
        "refusals folded across runs: " + audit);

    replayEveryRun(id);

    List<ReleaseRecord> listed =
        new ReleaseHistory(server.client())
            .list("long-haul", null, began.minusSeconds(60)).stream()
                .filter(r -> r.releaseId().equals(id))
                .toList();
    assertEquals(1, listed.size(), "one release, however many runs: " + listed);
    assertEquals(began, listed.get(0).startedAt(), "listed from when it began");
    assertEquals("PROMOTED", listed.get(0).outcome());
  }

  @Test
  void aReleaseTerminatedAfterItContinuedHasItsTrafficRestored() throws Exception {
    String id = start(request("cut-short", "long-haul"));
    awaitPhase(id, Phase.SOAKING, Duration.ofMinutes(1));
    ControlFlood.refusedSignals(release(id), 200);
    await("a continued run", Duration.ofMinutes(1), () -> runs(id) > 1);
    String latest = server.client().newUntypedWorkflowStub(id).describe().getExecution().getRunId();
    server.client().newUntypedWorkflowStub(id).terminate("terminated by an operator mid-canary");

    awaitAction("cut-short", "scale-canary-to-zero", Duration.ofMinutes(1));
    assertEquals(
        List.of(
            "deploy-canary registry.example/cut-short:2.3.0",
            "set-weight 10%",
            "route-all-to-stable",
            "scale-canary-to-zero"),
        AppProcess.plannedSequence(journal(), "cut-short"));
    String done =
        server
            .client()
            .newUntypedWorkflowStub(CompensationWorkflow.idOf(latest))
            .getResult(60, TimeUnit.SECONDS, String.class);
    assertTrue(done.startsWith("restored stable for cut-short@prod"), done);
  }

  @Test
  void aReleaseSentMoreControlsThanARunMayTakeContinuesAndTakesThemAll() throws Exception {
    String id = start(request("many-hands", "long-haul"));
    String first = firstRun(id);
    ReleaseControls controls = new ReleaseControls(server.client(), Duration.ofSeconds(30));
    awaitPhase(id, Phase.SOAKING, Duration.ofMinutes(1));

    int pairs = 2 * MAX_UPDATES;
    for (int i = 0; i < pairs; i++) {
      assertTrue(
          controls
              .send(id, first, control(ControlCommand.Action.PAUSE, "oncall-sam", "p" + i))
              .accepted(),
          "pause " + i);
      assertTrue(
          controls
              .send(id, first, control(ControlCommand.Action.RESUME, "oncall-sam", "r" + i))
              .accepted(),
          "resume " + i);
    }
    assertTrue(runs(id) >= 4, "four times the updates one run may take: " + runs(id) + " runs");
    History firstRun = ControlFlood.runs(server.client(), id).get(0);
    assertTrue(
        firstRun.getEventsCount() < 150,
        "the first run continued for its updates, not its events: " + firstRun.getEventsCount());
    assertEquals(
        pairs,
        release(id).status().audit().stream().filter(e -> e.action().equals("paused")).count(),
        "every pause is in the audit");
    assertTrue(
        controls
            .send(id, first, control(ControlCommand.Action.ABORT, "oncall-sam", "enough"))
            .accepted());
    ReleaseResult result = result(id, Duration.ofMinutes(1));
    assertEquals(ReleaseOutcome.ROLLED_BACK, result.outcome(), result.detail());
    assertEquals(
        List.of(
            "deploy-canary registry.example/many-hands:2.3.0",
            "set-weight 10%",
            "route-all-to-stable",
            "scale-canary-to-zero"),
        AppProcess.plannedSequence(journal(), "many-hands"));
  }

  @Test
  void aReleaseSentMegabytesOfControlsContinuesBeforeItsHistoryGrowsTooLarge() throws Exception {
    String id = start(request("heavy", "long-haul"));
    awaitPhase(id, Phase.SOAKING, Duration.ofMinutes(1));
    ControlFlood.megabyteSignals(release(id), 3);
    await("a run continued", Duration.ofMinutes(1), () -> runs(id) > 1);
    History firstRun = ControlFlood.runs(server.client(), id).get(0);
    assertTrue(
        firstRun.getEventsCount() < 150,
        "the first run continued for its size, not its events: " + firstRun.getEventsCount());
    ReleaseStatus status = release(id).status();
    assertTrue(ControlFlood.statusBytes(status) < 1 << 20, "status under 1 MiB");
    assertEquals(
        3, status.audit().stream().filter(e -> e.action().equals("resumed")).count(), "kept");

    ReleaseControls controls = new ReleaseControls(server.client(), Duration.ofSeconds(30));
    awaitPhase(id, Phase.AWAITING_APPROVAL, Duration.ofMinutes(2));
    assertTrue(controls.send(id, control(APPROVE, "bob", "ok")).accepted());
    assertTrue(controls.send(id, control(APPROVE, "carol", "ok")).accepted());
    ReleaseResult result = result(id, Duration.ofMinutes(2));
    assertEquals(ReleaseOutcome.PROMOTED, result.outcome(), result.detail());
  }

  /**
   * Replays every run of the release as the workers run it now: the runs that continued as new and
   * those that resumed. With {@code -Drollwright.record-histories=true} the first and the last run
   * are saved for {@link ReleaseReplayTest}.
   */
  private static void replayEveryRun(String id) throws Exception {
    List<String> runs =
        server
            .client()
            .listExecutions("WorkflowId = '" + id + "'")
            .sorted(Comparator.comparing(WorkflowExecutionMetadata::getStartTime))
            .map(r -> r.getExecution().getRunId())
            .toList();
    for (String run : runs) {
      ReleaseReplayTest.replay(server.client().fetchHistory(id, run));
    }
    if (Boolean.getBoolean("rollwright.record-histories")) {
      Path histories =
          Files.createDirectories(Repo.path("worker", "src", "test", "resources", "histories"));
      Files.writeString(
          histories.resolve("continued-from-soak.json"),
          server.client().fetchHistory(id, runs.get(0)).toJson(true));
      Files.writeString(
          histories.resolve("continued-at-gate.json"),
          server.client().fetchHistory(id, runs.get(runs.size() - 1)).toJson(true));
    }
  }

  private static ControlCommand control(ControlCommand.Action action, String actor, String reason) {
    return new ControlCommand(action, actor, reason, null);
  }

  private static String firstRun(String id) {
    return server.client().newUntypedWorkflowStub(id).describe().getExecution().getRunId();
  }

  /** How many runs the release has had. */
  private static int runs(String id) {
    return (int) server.client().listExecutions("WorkflowId = '" + id + "'").count();
  }
}
