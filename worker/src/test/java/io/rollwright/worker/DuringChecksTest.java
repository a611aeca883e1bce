package io.rollwright.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollwright.api.Phase;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.ReleaseStatus;
import io.rollwright.api.ReleaseWorkflow;
import io.rollwright.api.RollbackReason;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Checks asked while a stage soaks and while the release bakes (test policy {@code during}: the
 * kill switch read at once and every minute): one failing rolls back within the minute, naming it,
 * without waiting for the soak's end; one nobody answers pauses the release, holding its next
 * traffic change.
 */
class DuringChecksTest extends TimeSkippingReleaseTest {
  @Test
  void checksThatKeepPassingLetTheReleaseGoOnAndTheFirstAnswersAreAudited() {
    ReleaseWorkflow release = h.start(ReleaseHarness.request("checkout", "during"));
    ReleaseResult result = h.result(release);

    assertEquals(ReleaseOutcome.PROMOTED, result.outcome(), result.detail());
    assertEquals(List.of(10.0, 50.0, 100.0, 0.0), h.weights("checkout"));
    assertEquals(
        List.of(
            "during stage canary-10: kill-switch: kill switch off",
            "during stage bake: kill-switch: kill switch off"),
        release.status().audit().stream()
            .filter(e -> e.action().equals("checked"))
            .map(e -> e.detail())
            .toList(),
        "once per soak, not every minute");
  }

  @Test
  void aCheckFailingMidSoakRollsBackWithinAMinuteNamingIt() {
    ReleaseWorkflow release = h.start(ReleaseHarness.request("checkout", "during"));
    h.waitFor(Duration.ofMinutes(4));
    h.killSwitch.set(true);

    ReleaseResult result = h.result(release);

    assertEquals(ReleaseOutcome.ROLLED_BACK, result.outcome(), result.detail());
    assertEquals(RollbackReason.ANALYSIS, result.rollbackReason());
    assertEquals(
        "during stage canary-10: kill-switch: the kill switch of the worker's settings (rollwright.kill-switch) is on: no new releases",
        result.detail());
    assertEquals(List.of(10.0, 0.0), h.weights("checkout"));
    assertTrue(
        result.durationMillis() < Duration.ofMinutes(6).toMillis(),
        "rolled back within a minute of the switch, not at the soak's end: "
            + result.durationMillis());
  }

  @Test
  void aCheckFailingWhileBakingRollsBackWithReasonBake() {
    ReleaseWorkflow release = h.start(ReleaseHarness.request("checkout", "during"));
    h.waitFor(Duration.ofMinutes(30));
    assertEquals("bake", release.status().stage());
    h.killSwitch.set(true);

    ReleaseResult result = h.result(release);

    assertEquals(ReleaseOutcome.ROLLED_BACK, result.outcome(), result.detail());
    assertEquals(RollbackReason.BAKE, result.rollbackReason());
    assertTrue(result.detail().startsWith("during stage bake: kill-switch"), result.detail());
    assertEquals(List.of(10.0, 50.0, 100.0, 0.0), h.weights("checkout"));
  }

  @Test
  void aCheckNobodyAnswersMidSoakPausesAndHoldsTheNextTrafficChange() {
    ReleaseWorkflow release = h.start(ReleaseHarness.request("checkout", "during-unanswered"));
    h.waitFor(Duration.ofMinutes(15));

    ReleaseStatus paused = release.status();
    assertEquals(Phase.PAUSED, paused.phase());
    assertTrue(
        paused
            .pausedBecause()
            .startsWith(
                "INCONCLUSIVE during stage canary-10: webhook: inconclusive: 127.0.0.1"
                    + " unreachable"),
        paused.pausedBecause());
    assertEquals(10.0, paused.weight(), "the soak is over, but 50% waits for a resume");
    assertEquals(List.of(10.0), h.weights("checkout"));
  }
}
