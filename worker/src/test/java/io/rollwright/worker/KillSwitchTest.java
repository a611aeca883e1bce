package io.rollwright.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollwright.api.ControlAnswer;
import io.rollwright.api.ControlCommand;
import io.rollwright.api.Phase;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.ReleaseStatus;
import io.rollwright.api.ReleaseWorkflow;
import io.rollwright.client.KillSwitches;
import io.rollwright.client.ReleaseControls;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Kill switches on a running release and on new ones. {@code fast}: one 10-minute stage at 20%;
 * berlin-shop's own policy lets only its sre group (oncall-sam, oncall-kim) operate it.
 */
class KillSwitchTest extends TimeSkippingReleaseTest {

  @Test
  void aRunningReleaseHaltsWhereItIsUntilTheSwitchIsOffAndNobodyResumesItMeanwhile() {
    ReleaseWorkflow release = h.start(ReleaseHarness.request("checkout", "fast"));
    h.waitFor(Duration.ofMinutes(2));
    KillSwitches switches = new KillSwitches(h.client, h.taskQueue, Duration.ofSeconds(30));

    ControlAnswer on = switches.flip("checkout@prod", true, "sam", "incident 4711");
    assertTrue(on.accepted(), on.message());
    assertEquals(
        "kill switch checkout@prod on by sam: incident 4711 (1 running release(s) told)",
        on.message());
    h.waitFor(Duration.ofMinutes(30));
    ReleaseStatus halted = release.status();
    assertEquals(Phase.PAUSED, halted.phase(), "held, not soaked to its end");
    assertEquals(20.0, halted.weight(), "the canary is kept as it is");
    assertEquals("kill switch checkout@prod on by sam: incident 4711", halted.pausedBecause());
    ControlAnswer resume =
        new ReleaseControls(h.client, Duration.ofSeconds(30))
            .send(
                "checkout@prod",
                new ControlCommand(ControlCommand.Action.RESUME, "kim", "looks fine to me"));
    assertFalse(resume.accepted());
    assertEquals(
        "held by the kill switch checkout@prod on by sam: incident 4711; it goes on when the"
            + " switch is turned off",
        resume.message());
    assertFalse(
        switches.flip("checkout@prod", true, "kim", "again").accepted(), "it is already on");

    assertTrue(switches.flip("checkout@prod", false, "sam", "incident over").accepted());
    ReleaseResult result = h.result(release);
    assertEquals(ReleaseOutcome.PROMOTED, result.outcome(), result.detail());
    assertEquals(
        java.util.List.of(
            "sam: paused — kill switch checkout@prod on by sam: incident 4711",
            "sam: resumed — kill switch checkout@prod off by sam: incident over"),
        release.status().audit().stream()
            .filter(e -> e.action().equals("paused") || e.action().equals("resumed"))
            .map(e -> e.sentence())
            .toList());
    assertFalse(switches.state("checkout@prod").on());
    assertEquals(2, switches.state("checkout@prod").flips().size());
  }

  @Test
  void aNewReleaseIsBlockedAtPreflightWhileItsSwitchIsOn() {
    KillSwitches switches = new KillSwitches(h.client, h.taskQueue, Duration.ofSeconds(30));
    assertTrue(switches.flip("cart@prod", true, "sam", "payment provider down").accepted());

    ReleaseResult blocked = h.result(h.start(ReleaseHarness.request("cart", "fast")));
    assertEquals(ReleaseOutcome.BLOCKED, blocked.outcome());
    assertTrue(
        blocked
            .detail()
            .contains(
                "kill-switch: kill switch cart@prod on by sam: payment provider down: no new"
                    + " releases"),
        blocked.detail());
    assertEquals(0, h.actions("cart").size(), "nothing was deployed");
  }

  @Test
  void onlyTheServicesOperatorsMayFlipItsSwitch() {
    KillSwitches switches = new KillSwitches(h.client, h.taskQueue, Duration.ofSeconds(30));
    ControlAnswer refused =
        switches.flip("berlin-shop@prod", true, "alice", "I think it is broken");
    assertFalse(refused.accepted());
    assertEquals(
        "alice may not flip the kill switch berlin-shop@prod: that needs the operators role (held"
            + " by oncall-sam, oncall-kim) or breakGlass",
        refused.message());
    assertFalse(switches.state("berlin-shop@prod").on());
    assertTrue(switches.flip("berlin-shop@prod", true, "oncall-kim", "checkout errors").accepted());
    assertTrue(switches.state("berlin-shop@prod").on());
  }

  @Test
  void aPolicyMaySayTheSwitchRollsItsReleasesBack() {
    ReleaseWorkflow release = h.start(ReleaseHarness.request("checkout", "fast-kill"));
    h.waitFor(Duration.ofMinutes(2));
    KillSwitches switches = new KillSwitches(h.client, h.taskQueue, Duration.ofSeconds(30));
    assertTrue(switches.flip("checkout@prod", true, "sam", "bad config pushed").accepted());

    ReleaseResult result = h.result(release);
    assertEquals(ReleaseOutcome.ROLLED_BACK, result.outcome());
    assertEquals(
        "rolled back by the kill switch checkout@prod on by sam: bad config pushed",
        result.detail());
    assertEquals(0.0, release.status().weight(), "all traffic back on the stable version");
  }

  @Test
  void aReleaseSomeonePausedStaysPausedWhenTheSwitchGoesOff() {
    ReleaseWorkflow release = h.start(ReleaseHarness.request("checkout", "fast"));
    h.waitFor(Duration.ofMinutes(2));
    ReleaseControls controls = new ReleaseControls(h.client, Duration.ofSeconds(30));
    assertTrue(
        controls
            .send(
                "checkout@prod",
                new ControlCommand(ControlCommand.Action.PAUSE, "kim", "checking a dashboard"))
            .accepted());
    KillSwitches switches = new KillSwitches(h.client, h.taskQueue, Duration.ofSeconds(30));
    assertTrue(switches.flip("checkout@prod", true, "sam", "incident 4711").accepted());
    assertTrue(switches.flip("checkout@prod", false, "sam", "incident over").accepted());
    h.waitFor(Duration.ofMinutes(30));

    ReleaseStatus status = release.status();
    assertEquals(Phase.PAUSED, status.phase(), "kim's pause still holds it");
    assertEquals("paused by kim: checking a dashboard", status.pausedBecause());
    assertTrue(
        controls
            .send(
                "checkout@prod",
                new ControlCommand(ControlCommand.Action.RESUME, "kim", "dashboard is fine"))
            .accepted());
    assertEquals(ReleaseOutcome.PROMOTED, h.result(release).outcome());
  }
}
