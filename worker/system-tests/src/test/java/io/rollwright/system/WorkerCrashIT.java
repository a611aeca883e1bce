package io.rollwright.system;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollwright.activities.traffic.sandbox.SandboxCluster;
import io.rollwright.api.ApprovalDecision;
import io.rollwright.api.AuditEntry;
import io.rollwright.api.Phase;
import io.rollwright.api.PreflightResult;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.ReleaseStatus;
import io.rollwright.api.RollbackReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Workers killed with {@code kill -9} at the moments that matter, against the real Temporal server:
 * at several points of a soak with the canary starting to fail only while no worker runs; around an
 * approval gate's deadline with the approval sent while no worker runs; and during pre-flight.
 */
class WorkerCrashIT extends RealServerTest {
  private static final Duration UP = Duration.ofMinutes(2);

  /**
   * A soak case: its service and policy, its first stage's soak, how far into that soak (counted
   * from its set-weight 10%) the worker is to be killed, the earliest and latest kill that still
   * make the case, and whether no worker may run again until the soak's time is over.
   */
  private record SoakCase(
      String service,
      String policy,
      Duration soak,
      Duration killAt,
      Duration earliest,
      Duration latest,
      boolean awayPastItsEnd) {
    String id() {
      return service + "@prod";
    }
  }

  private static long actionAt(String service, String prefix) {
    return AppProcess.actions(journal(), service).stream()
        .filter(a -> a.action().startsWith(prefix))
        .mapToLong(SandboxCluster.Action::atMillis)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no '" + prefix + "' in the journal of " + service));
  }

  private static void sleepUntil(long epochMillis) throws InterruptedException {
    long left = epochMillis - System.currentTimeMillis();
    if (left > 0) {
      Thread.sleep(left);
    }
  }

  private static List<AuditEntry> audit(ReleaseStatus status, String action) {
    return status.audit().stream().filter(e -> e.action().equals(action)).toList();
  }

  /** The journal of a release rolled back at 10%: it never went further. */
  private static List<String> rolledBackAt10(String service) {
    return List.of(
        "deploy-canary registry.example/" + service + ":2.3.0",
        "set-weight 10%",
        "route-all-to-stable",
        "scale-canary-to-zero");
  }

  /**
   * One worker runs two releases and is killed -9 once: when the first is early in its first soak
   * (30 s, so it resumes with time left), the second late in its first soak (12 s) — and no worker
   * runs until that soak's time is over. Each canary's errors rise above the limit 2 s after the
   * kill (the first worker never saw them). Each release is rolled back at its first stage (10%,
   * never 50%) for the analysis, with the gap in its audit timeline.
   */
  @Test
  void aWorkerKilledEarlyOrLateInASoakWhileTheBreachBeginsRollsBackAtThatStage() throws Exception {
    killDuringSoaksAndAssertRolledBackAtTheFirstStage(
        "soak-crash",
        new SoakCase(
            "crash-early",
            "crash-early",
            Duration.ofSeconds(30),
            Duration.ofSeconds(3),
            Duration.ofMillis(1_500),
            Duration.ofSeconds(8),
            false),
        new SoakCase(
            "crash-late",
            "crash-over",
            Duration.ofSeconds(12),
            Duration.ofSeconds(9),
            Duration.ofMillis(6_500),
            Duration.ofSeconds(11),
            true));
  }

  /**
   * A worker killed -9 within the last 6 s of a 12 s soak whose check fails when sustained for 6 s,
   * the breach beginning while no worker runs: the soak, resumed after its time is over, must cover
   * the 6 s window with fresh samples, see the breach sustained and roll back at 10%.
   */
  @Test
  void aWorkerKilledInsideTheSustainedWindowWhileTheBreachBeginsRollsBackAtThatStage()
      throws Exception {
    killDuringSoaksAndAssertRolledBackAtTheFirstStage(
        "window-crash",
        new SoakCase(
            "crash-window",
            "crash-window",
            Duration.ofSeconds(12),
            Duration.ofSeconds(9),
            Duration.ofSeconds(7),
            Duration.ofSeconds(11),
            true));
  }

  /**
   * Starts each case's release on one worker, staggered so that one {@code kill -9} lands {@link
   * SoakCase#killAt()} into each one's first soak (counted from its set-weight 10%); scripts each
   * canary to fail from 2 s after the kill; keeps every worker away for 6 s, and past the end of
   * each soak that is to be over first, then starts a worker and checks that each release was
   * rolled back for the analysis at 10%, with the gap audited and no soak passed.
   */
  private static void killDuringSoaksAndAssertRolledBackAtTheFirstStage(
      String name, SoakCase... cases) throws Exception {
    List<SoakCase> byKillAt = new ArrayList<>(List.of(cases));
    byKillAt.sort(Comparator.comparing(SoakCase::killAt).reversed());
    SoakCase latest = byKillAt.get(0);
    Map<SoakCase, Long> soakFrom = new LinkedHashMap<>();
    long killed;
    try (AppProcess first = worker(name + "-1").awaitUp(UP)) {
      for (SoakCase c : byKillAt) {
        if (!c.equals(latest)) {
          // started later by the difference, less the usual 1.5 s from start to the set-weight
          sleepUntil(soakFrom.get(latest) + latest.killAt().minus(c.killAt()).toMillis() - 1_500);
        }
        start(request(c.service(), c.policy()));
        awaitAction(c.service(), "set-weight 10%", Duration.ofMinutes(1));
        soakFrom.put(c, actionAt(c.service(), "set-weight 10%"));
      }
      sleepUntil(
          byKillAt.stream()
              .mapToLong(c -> soakFrom.get(c) + c.killAt().toMillis())
              .max()
              .orElseThrow());
      first.kill9();
      killed = System.currentTimeMillis();
    }
    Map<String, Long> offsets = new LinkedHashMap<>();
    for (SoakCase c : cases) {
      long offset = killed - soakFrom.get(c);
      offsets.put(c.service(), offset);
      assertTrue(
          offset >= c.earliest().toMillis() && offset <= c.latest().toMillis(),
          c.service()
              + " was killed "
              + offset
              + " ms into its soak, outside "
              + c.earliest()
              + ".."
              + c.latest());
    }
    System.out.println(name + ": killed this far into each first soak (ms): " + offsets);

    // each canary fails from 2 s after the kill (its script counts from when the canary started
    // serving, after deploy-canary)
    List<String> settings = new ArrayList<>();
    Map<SoakCase, Long> breachBy = new LinkedHashMap<>();
    for (SoakCase c : cases) {
      long deployed = actionAt(c.service(), "deploy-canary");
      long breachAfter = (killed + 2_000 - deployed + 999) / 1_000;
      breachBy.put(c, soakFrom.get(c) + breachAfter * 1_000);
      settings.add(
          "--rollwright.sandbox.metrics["
              + settings.size()
              + "]="
              + c.service()
              + " canary error-rate = 0.002, "
              + breachAfter
              + "s: 0.3");
    }
    // no worker until every canary has been failing a while, nor until each soak meant to end
    // meanwhile has (it began after its set-weight)
    sleepUntil(
        Math.max(
            killed + 6_000,
            Stream.of(cases)
                .filter(SoakCase::awayPastItsEnd)
                .mapToLong(c -> soakFrom.get(c) + c.soak().toMillis() + 2_000)
                .max()
                .orElse(0)));
    long secondStarted = System.currentTimeMillis();
    breachBy.forEach(
        (c, by) ->
            assertTrue(
                by < secondStarted, c.service() + "'s breach began before a worker ran again"));
    Map<SoakCase, ReleaseResult> results = new LinkedHashMap<>();
    Map<SoakCase, ReleaseStatus> statuses = new LinkedHashMap<>();
    try (AppProcess second = worker(name + "-2", settings.toArray(String[]::new))) {
      for (SoakCase c : cases) {
        results.put(c, result(c.id(), Duration.ofMinutes(3)));
        statuses.put(c, release(c.id()).status());
      }
    }
    System.out.println(
        name
            + ": no worker for "
            + (secondStarted - killed)
            + " ms, plus the second worker's start-up");

    List<Executable> checks = new ArrayList<>();
    for (SoakCase c : cases) {
      ReleaseResult result = results.get(c);
      ReleaseStatus status = statuses.get(c);
      List<String> journal = AppProcess.plannedSequence(journal(), c.service());
      String context =
          c.service()
              + " (killed "
              + offsets.get(c.service())
              + " ms into its first soak): "
              + result
              + "\naudit: "
              + status.audit()
              + "\njournal: "
              + journal;
      checks.add(
          () -> {
            assertEquals(ReleaseOutcome.ROLLED_BACK, result.outcome(), context);
            assertEquals(RollbackReason.ANALYSIS, result.rollbackReason(), context);
            assertTrue(result.detail().contains("error-rate 30.00% > 10.00%"), context);
            assertEquals(
                rolledBackAt10(c.service()),
                journal,
                "rolled back at the stage where the breach began: " + context);
            assertEquals(
                1,
                audit(status, "analysis gap").size(),
                "the gap is in the audit timeline, once: " + context);
            assertTrue(audit(status, "analysis PASS").isEmpty(), "no soak passed: " + context);
            List<AuditEntry> failed = audit(status, "analysis FAIL");
            assertEquals(1, failed.size(), context);
            Matcher over = Pattern.compile("over (\\d+)s\\)$").matcher(failed.get(0).detail());
            assertTrue(over.find(), context);
            assertEquals(
                c.awayPastItsEnd(),
                Integer.parseInt(over.group(1)) >= c.soak().toSeconds(),
                (c.awayPastItsEnd()
                        ? "the breach was found after the soak's time was over: "
                        : "the soak resumed with time left: ")
                    + context);
          });
    }
    assertAll(checks);
  }

  /**
   * Two releases reach a 20 s approval gate and their worker is killed -9. bob approves the first 3
   * s before its deadline and the second 3 s after it, both while no worker runs; a worker starts
   * only once both deadlines have passed. The approval the server recorded in time counts; the late
   * one is refused, saying why, and that release times out.
   */
  @Test
  void anApprovalSentWhileNoWorkerRunsCountsOnlyBeforeTheGatesDeadline() throws Exception {
    String inTime = start(request("crash-gate-in-time", "crash-gate"));
    String tooLate = start(request("crash-gate-too-late", "crash-gate"));
    long deadlineInTime;
    long deadlineTooLate;
    try (AppProcess first = worker("gate-crash-1").awaitUp(UP)) {
      awaitPhase(inTime, Phase.AWAITING_APPROVAL, Duration.ofMinutes(1));
      awaitPhase(tooLate, Phase.AWAITING_APPROVAL, Duration.ofMinutes(1));
      deadlineInTime = release(inTime).status().gate().deadlineMillis();
      deadlineTooLate = release(tooLate).status().gate().deadlineMillis();
      first.kill9();
    }
    long killed = System.currentTimeMillis();
    assertTrue(
        killed < deadlineInTime - 5_000,
        "the worker was killed well before the deadline: killed "
            + (deadlineInTime - killed)
            + " ms before it");

    sleepUntil(deadlineInTime - 3_000);
    release(inTime).approve(new ApprovalDecision("bob", "looks good, just in time"));
    long approvedInTime = System.currentTimeMillis();
    sleepUntil(deadlineTooLate + 3_000);
    release(tooLate).approve(new ApprovalDecision("bob", "looks good, but late"));
    long approvedTooLate = System.currentTimeMillis();
    assertTrue(
        approvedInTime < deadlineInTime - 1_000,
        "sent " + (deadlineInTime - approvedInTime) + " ms before the deadline");
    assertTrue(
        approvedTooLate > deadlineTooLate + 1_000,
        "sent " + (approvedTooLate - deadlineTooLate) + " ms after the deadline");
    sleepUntil(Math.max(deadlineInTime, deadlineTooLate) + 6_000);

    ReleaseResult promoted;
    ReleaseResult timedOut;
    ReleaseStatus promotedStatus;
    ReleaseStatus timedOutStatus;
    try (AppProcess second = worker("gate-crash-2")) {
      promoted = result(inTime, Duration.ofMinutes(2));
      timedOut = result(tooLate, Duration.ofMinutes(2));
      promotedStatus = release(inTime).status();
      timedOutStatus = release(tooLate).status();
    }

    System.out.println(
        "gate: approved "
            + (deadlineInTime - approvedInTime)
            + " ms before the deadline ("
            + promoted.outcome()
            + ") and "
            + (approvedTooLate - deadlineTooLate)
            + " ms after it ("
            + timedOut.outcome()
            + ")");
    String context = promoted + "\naudit: " + promotedStatus.audit();
    assertEquals(ReleaseOutcome.PROMOTED, promoted.outcome(), context);
    assertEquals(
        List.of("bob"),
        audit(promotedStatus, "approved").stream().map(AuditEntry::actor).toList(),
        context);
    assertTrue(audit(promotedStatus, "refused approve").isEmpty(), context);
    assertEquals(
        List.of(
            "deploy-canary registry.example/crash-gate-in-time:2.3.0",
            "set-weight 10%",
            "set-weight 100%",
            "promote-stable 2.3.0",
            "route-all-to-stable",
            "scale-canary-to-zero"),
        AppProcess.plannedSequence(journal(), "crash-gate-in-time"));

    context = timedOut + "\naudit: " + timedOutStatus.audit();
    assertEquals(ReleaseOutcome.ROLLED_BACK, timedOut.outcome(), context);
    assertEquals(RollbackReason.APPROVAL_TIMEOUT, timedOut.rollbackReason(), context);
    List<AuditEntry> refused = audit(timedOutStatus, "refused approve");
    assertEquals(1, refused.size(), context);
    assertEquals("bob", refused.get(0).actor(), context);
    assertTrue(refused.get(0).detail().contains("had passed its deadline"), context);
    assertTrue(
        audit(timedOutStatus, "approved").isEmpty(),
        "a release that timed out was never approved: " + context);
    assertEquals(
        rolledBackAt10("crash-gate-too-late"),
        AppProcess.plannedSequence(journal(), "crash-gate-too-late"),
        context);
  }

  /**
   * A worker killed -9 while pre-flight reads slow metrics, with a new worker started at once: the
   * release goes on within about one pre-flight heartbeat timeout (30 s), not the activity's whole
   * start-to-close timeout, and is promoted.
   */
  @Test
  void aWorkerKilledDuringPreflightStallsTheReleaseByAboutOneHeartbeatTimeout() throws Exception {
    String service = "crash-preflight";
    String id;
    long killed;
    try (AppProcess first =
        worker("preflight-crash-1", "--rollwright.sandbox.measure-delay=8s").awaitUp(UP)) {
      id = start(request(service, "crash-preflight"));
      awaitPhase(id, Phase.PREFLIGHT, Duration.ofMinutes(1));
      Thread.sleep(3_000);
      assertTrue(
          AppProcess.actions(journal(), service).isEmpty(),
          "still in pre-flight: nothing deployed yet");
      assertEquals(Phase.PREFLIGHT, release(id).status().phase());
      first.kill9();
      killed = System.currentTimeMillis();
    }
    ReleaseResult result;
    ReleaseStatus status;
    try (AppProcess second = worker("preflight-crash-2")) {
      result = result(id, Duration.ofMinutes(6));
      status = release(id).status();
    }
    assertEquals(ReleaseOutcome.PROMOTED, result.outcome(), result.toString());
    assertEquals(
        List.of("quality-gate", "telemetry-health"),
        status.preflight().stream().map(PreflightResult::check).toList(),
        status.preflight().toString());
    assertTrue(
        status.preflight().stream().allMatch(PreflightResult::passed),
        status.preflight().toString());
    long firstTraffic = AppProcess.actions(journal(), service).get(0).atMillis();
    Duration stalled = Duration.ofMillis(firstTraffic - killed);
    System.out.println(
        "pre-flight: from the kill to the canary's first traffic action: " + stalled);
    assertTrue(
        stalled.compareTo(Duration.ofSeconds(60)) < 0,
        "from the kill to the first traffic action took " + stalled);
    assertEquals(
        List.of(
            "deploy-canary registry.example/crash-preflight:2.3.0",
            "set-weight 10%",
            "set-weight 100%",
            "promote-stable 2.3.0",
            "route-all-to-stable",
            "scale-canary-to-zero"),
        AppProcess.plannedSequence(journal(), service));
  }
}
