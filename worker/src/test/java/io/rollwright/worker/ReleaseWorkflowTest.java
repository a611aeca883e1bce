package io.rollwright.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollwright.activities.metrics.Track;
import io.rollwright.activities.traffic.sandbox.SandboxCluster;
import io.rollwright.api.ControlRequest;
import io.rollwright.api.Phase;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.ReleaseStatus;
import io.rollwright.api.ReleaseWorkflow;
import io.rollwright.api.RollbackReason;
import io.rollwright.policy.Strategy;
import io.temporal.api.sdk.v1.WorkflowMetadata;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Releases end to end on the time-skipping test service: analysis, rollback, pre-flight and
 * break-glass.
 */
class ReleaseWorkflowTest extends TimeSkippingReleaseTest {
  @Test
  void fiveDayChannelsRolloutIsPromotedWithinTheHistoryBudget() {
    ReleaseResult result = h.run(ReleaseHarness.request("checkout", "channels"));

    assertEquals(ReleaseOutcome.PROMOTED, result.outcome(), result.detail());
    assertEquals(
        List.of(10.0, 25.0, 50.0, 100.0, 0.0),
        h.weights("checkout"),
        "the bake's 100%, which promotion keeps");
    assertEquals("2.3.0", h.cluster().stableVersion("checkout"));
    assertTrue(
        result.durationMillis() >= Duration.ofDays(5).toMillis(),
        "took " + Duration.ofMillis(result.durationMillis()));
    long events = h.historyLength("checkout@prod");
    assertTrue(events < 10_240, "history has " + events + " events");
  }

  @Test
  void theWebUiDetailsShowWhereTheReleaseIsAndTheLatestEvent() {
    ReleaseWorkflow release = h.start(ReleaseHarness.request("checkout", "gated"));
    h.waitFor(Duration.ofMinutes(41));

    String details =
        WorkflowStub.fromTyped(release)
            .query("__temporal_workflow_metadata", WorkflowMetadata.class)
            .getCurrentDetails();
    assertTrue(details.startsWith("stage 2/2 canary-50 · 50% on canary"), details);
    assertTrue(
        details.endsWith(
            "latest: approval requested — stage canary-50: 2 approval(s) needed from alice, bob,"
                + " carol within 2h (by "
                + Instant.ofEpochMilli(release.status().gate().deadlineMillis())
                + ")"),
        details);
  }

  @Test
  void breachMidSoakRollsBackWithinOneAnalysisInterval() {
    // standard: error-rate > 1% for 5 minutes rolls back; the canary's errors jump at minute 12 of
    // the first stage.
    h.sandbox.metrics().script("payments", Track.CANARY, "error-rate", "0.002, 12m: 0.05");

    ReleaseResult result = h.run(ReleaseHarness.request("payments", "standard"));

    assertEquals(ReleaseOutcome.ROLLED_BACK, result.outcome());
    assertEquals(RollbackReason.ANALYSIS, result.rollbackReason());
    assertTrue(result.detail().contains("error-rate 5.00% > 1.00%"), result.detail());
    List<SandboxCluster.Action> log = h.cluster().log("payments");
    long canaryAt = log.get(0).atMillis();
    SandboxCluster.Action restore =
        log.stream()
            .filter(a -> a.action().equals("route-all-to-stable"))
            .findFirst()
            .orElseThrow();
    long breachSustainedAt = canaryAt + Duration.ofMinutes(12 + 5).toMillis();
    long lag = restore.atMillis() - breachSustainedAt;
    assertTrue(
        lag >= 0 && lag <= Duration.ofSeconds(30).toMillis(),
        "rollback " + lag + " ms after the breach was sustained");
    assertEquals(
        List.of(5.0, 0.0),
        h.weights("payments"),
        "stable back at 100%, never past the first stage");
    assertEquals("scale-canary-to-zero", log.get(log.size() - 1).action());
  }

  @Test
  void inconclusiveAnalysisPausesAndResumeLetsTheReleaseFinish() {
    h.sandbox.metrics().script("search", Track.CANARY, "error-rate", "0.002, 2m: none, 20m: 0.002");
    ReleaseWorkflow release = h.start(ReleaseHarness.request("search", "fast"));

    h.waitFor(Duration.ofMinutes(15));
    ReleaseStatus paused = release.status();
    assertEquals(Phase.PAUSED, paused.phase());
    assertTrue(paused.pausedBecause().startsWith("INCONCLUSIVE"), paused.pausedBecause());
    assertEquals(20.0, paused.weight(), "an inconclusive analysis never rolls back");
    assertFalse(h.actions("search").contains("route-all-to-stable"));

    h.waitFor(Duration.ofMinutes(10));
    release.resume(new ControlRequest("oncall-sam", "metrics pipeline fixed"));
    ReleaseResult result = h.result(release);

    assertEquals(ReleaseOutcome.PROMOTED, result.outcome(), result.detail());
    assertTrue(
        release.status().audit().stream()
            .anyMatch(e -> e.actor().equals("oncall-sam") && e.action().equals("resumed")));
  }

  @Test
  void rollbackWhoseFirstAttemptsFailStillCompletes() {
    h.sandbox.metrics().script("cart", Track.CANARY, "error-rate", "0.3");
    h.cluster().failNext("cart", "route-all-to-stable", 3);

    ReleaseResult result = h.run(ReleaseHarness.request("cart", "fast"));

    assertEquals(ReleaseOutcome.ROLLED_BACK, result.outcome(), result.detail());
    List<String> actions = h.actions("cart");
    assertEquals(
        3, actions.stream().filter(a -> a.equals("route-all-to-stable FAILED (injected)")).count());
    assertEquals(
        List.of("route-all-to-stable", "scale-canary-to-zero"),
        actions.subList(actions.size() - 2, actions.size()));
    assertEquals(0.0, h.cluster().weight("cart"));
  }

  @Test
  void rollbackThatNeverCompletesEndsFailedWithAnAlert() {
    h.sandbox.metrics().script("cart", Track.CANARY, "error-rate", "0.3");
    h.cluster().failNext("cart", "route-all-to-stable", Integer.MAX_VALUE);

    ReleaseResult result = h.run(ReleaseHarness.request("cart", "fast"));

    assertEquals(ReleaseOutcome.FAILED, result.outcome());
    assertTrue(
        result
            .detail()
            .contains("rollback did not complete within its rollbackTimeout of 30m (retried for "),
        result.detail());
    assertTrue(
        result.detail().endsWith("sandbox: injected failure of route-all-to-stable on cart"),
        "names the last error: " + result.detail());
    List<SandboxCluster.Action> failed =
        h.cluster().log("cart").stream()
            .filter(a -> a.action().endsWith("FAILED (injected)"))
            .toList();
    long retried = failed.get(failed.size() - 1).atMillis() - failed.get(0).atMillis();
    assertTrue(
        retried >= Duration.ofMinutes(29).toMillis(),
        "retried for " + Duration.ofMillis(retried) + " of the policy's 30m");
    assertTrue(h.events.stream().anyMatch(e -> e.message().contains("ROLLBACK FAILED")));
  }

  @Test
  void failedPreflightBlocksWithNothingDeployed() {
    h.sandbox.metrics().script("ledger", Track.CANARY, "quality-score", "0.61");

    ReleaseResult result = h.run(ReleaseHarness.request("ledger", "fast"));

    assertEquals(ReleaseOutcome.BLOCKED, result.outcome());
    assertTrue(result.detail().contains("quality-score 61.00% < 85.00%"), result.detail());
    assertEquals(List.of(), h.actions("ledger"));
  }

  @Test
  void killSwitchBlocksEveryRelease() {
    h.killSwitch.set(true);

    ReleaseResult result = h.run(ReleaseHarness.request("ledger", "fast"));

    assertEquals(ReleaseOutcome.BLOCKED, result.outcome());
    assertTrue(result.detail().contains("(rollwright.kill-switch) is on"), result.detail());
  }

  @Test
  void directReleaseWithReasonIsBreakGlassAndAudited() {
    ReleaseRequest direct =
        ReleaseHarness.request("ledger", null)
            .withStrategy(Strategy.DIRECT, "CVE-2026-1234 hotfix");

    ReleaseWorkflow release = h.start(direct);
    ReleaseResult result = h.result(release);

    assertEquals(ReleaseOutcome.PROMOTED, result.outcome());
    assertEquals(
        List.of("promote-stable 2.3.0", "route-all-to-stable", "scale-canary-to-zero"),
        h.actions("ledger"));
    assertTrue(
        release.status().audit().stream()
            .anyMatch(
                e ->
                    e.action().equals("break-glass")
                        && e.actor().equals("alice")
                        && e.detail().contains("CVE-2026-1234")));
  }

  @Test
  void directReleaseWithoutReasonIsRefusedWithNoSideEffect() {
    ReleaseRequest direct =
        ReleaseHarness.request("auth", "fast").withStrategy(Strategy.DIRECT, null);

    WorkflowFailedException e = assertThrows(WorkflowFailedException.class, () -> h.run(direct));

    ApplicationFailure cause = (ApplicationFailure) e.getCause();
    assertEquals("InvalidRelease", cause.getType());
    assertTrue(
        cause.getOriginalMessage().contains("reason: is required for the direct strategy"),
        cause.getOriginalMessage());
    assertEquals(List.of(), h.actions("auth"));
  }

  @Test
  void invalidPolicyIsRefusedBeforeAnythingHappens() {
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () -> h.run(ReleaseHarness.request("auth", "no-such-policy")));

    assertTrue(
        e.getCause().getMessage().contains("policy: 'no-such-policy' is not a known policy"),
        e.getCause().getMessage());
    assertEquals(List.of(), h.actions("auth"));
  }

  @Test
  void aPolicyOfSoaksOnlyRunsThroughTheLogRouterTouchingNothing() {
    ReleaseResult result =
        h.run(
            ReleaseRequest.fromJson(
                """
                {"service": "batch", "version": "2.3.0", "image": "registry.example/batch:2.3.0",
                 "environment": "prod", "strategy": "canary", "requestedBy": "alice",
                 "inlinePolicy": {"router": "log", "analysis": {"provider": "log"},
                   "stages": [{"weight": 10, "soak": "1h"}, {"weight": 50, "soak": "2h"}]}}"""));

    assertEquals(ReleaseOutcome.PROMOTED, result.outcome(), result.detail());
    assertTrue(
        result.durationMillis() >= Duration.ofHours(3).toMillis(),
        "both soaks ran: " + Duration.ofMillis(result.durationMillis()));
    assertEquals(List.of(), h.actions("batch"), "the sandbox cluster was never touched");
  }
}
