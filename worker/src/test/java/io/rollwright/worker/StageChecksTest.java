package io.rollwright.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollwright.api.ControlCommand;
import io.rollwright.api.ControlCommand.Action;
import io.rollwright.api.Phase;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.ReleaseStatus;
import io.rollwright.api.ReleaseWorkflow;
import io.rollwright.api.RollbackReason;
import io.rollwright.client.ReleaseControls;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Checks a stage runs before its traffic change: a failing one rolls the release back naming it,
 * before the weight moves; one nobody answers pauses the release, and is asked again on resume.
 */
class StageChecksTest extends TimeSkippingReleaseTest {
  private ReleaseControls controls() {
    return new ReleaseControls(h.client, Duration.ofSeconds(30));
  }

  @Test
  void aPassingCheckLetsTheStageGoOn() {
    ReleaseResult result = h.run(ReleaseHarness.request("checkout", "checked"));

    assertEquals(ReleaseOutcome.PROMOTED, result.outcome(), result.detail());
    assertEquals(List.of(10.0, 50.0, 100.0, 0.0), h.weights("checkout"));
  }

  @Test
  void aFailingCheckRollsBackBeforeTheWeightMoves() {
    ReleaseWorkflow release = h.start(ReleaseHarness.request("checkout", "checked"));
    h.waitFor(Duration.ofMinutes(5));
    h.killSwitch.set(true);

    ReleaseResult result = h.result(release);

    assertEquals(ReleaseOutcome.ROLLED_BACK, result.outcome(), result.detail());
    assertEquals(RollbackReason.ANALYSIS, result.rollbackReason());
    assertEquals(
        "before stage canary-50: kill-switch: the kill switch of the worker's settings (rollwright.kill-switch) is on: no new releases",
        result.detail());
    assertEquals(List.of(10.0, 0.0), h.weights("checkout"), "50% was never set");
  }

  @Test
  void aCheckNobodyAnswersPausesAndIsAskedAgainOnResume() {
    ReleaseWorkflow release = h.start(ReleaseHarness.request("checkout", "asked"));
    h.waitFor(Duration.ofMinutes(12));

    ReleaseStatus paused = release.status();
    assertEquals(Phase.PAUSED, paused.phase());
    assertTrue(
        paused
            .pausedBecause()
            .startsWith(
                "INCONCLUSIVE before stage canary-50: webhook: inconclusive: 127.0.0.1 unreachable"),
        paused.pausedBecause());
    assertEquals(10.0, paused.weight(), "the canary keeps its traffic while nobody answers");

    assertTrue(
        controls()
            .send("checkout@prod", new ControlCommand(Action.RESUME, "oncall-sam", "try again"))
            .accepted());
    h.waitFor(Duration.ofMinutes(1));
    assertEquals(Phase.PAUSED, release.status().phase(), "asked again, still nobody answers");

    assertTrue(
        controls()
            .send("checkout@prod", new ControlCommand(Action.ABORT, "oncall-sam", "smoke is down"))
            .accepted());
    ReleaseResult result = h.result(release);
    assertEquals(ReleaseOutcome.ROLLED_BACK, result.outcome(), result.detail());
    assertEquals(List.of(10.0, 0.0), h.weights("checkout"));
  }
}
