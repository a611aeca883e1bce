package io.rollwright.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollwright.api.AuditEntry;
import io.rollwright.api.ControlAnswer;
import io.rollwright.api.ControlCommand;
import io.rollwright.api.ControlCommand.Action;
import io.rollwright.api.ControlEvent;
import io.rollwright.api.Phase;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.ReleaseWorkflow;
import io.rollwright.api.RollbackReason;
import io.rollwright.client.ReleaseControls;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An alert that fires for a release's service and environment, as the alert receiver sends it: it
 * rolls the release back, or pauses it when the policy's {@code analysis.onAlert} says so; a repeat
 * changes nothing.
 */
class AlertControlTest extends TimeSkippingReleaseTest {
  private static final String REASON = "alert CheckoutErrors firing: 5xx above 5% for 1m";

  private ReleaseWorkflow release;

  private ControlAnswer send(Action action, String actor, String reason) {
    return new ReleaseControls(h.client, Duration.ofSeconds(30))
        .send(release.status().releaseId(), new ControlCommand(action, actor, reason));
  }

  @Test
  void anAlertRollsTheCanaryBackNamingTheAlert() {
    release = h.start(ReleaseHarness.request("checkout", "fast"));
    h.waitFor(Duration.ofMinutes(2));
    assertEquals(Phase.SOAKING, release.status().phase());

    ControlAnswer answer = send(Action.ALERT, "alertmanager", REASON);
    assertEquals(new ControlAnswer(true, "aborted by alertmanager: " + REASON), answer);
    ControlAnswer repeat = send(Action.ALERT, "alertmanager", REASON);
    assertFalse(repeat.accepted(), "a repeated notification changes nothing");

    ReleaseResult result = h.result(release);
    assertEquals(ReleaseOutcome.ROLLED_BACK, result.outcome(), result.detail());
    assertEquals(RollbackReason.ABORTED, result.rollbackReason());
    assertEquals("aborted by alertmanager: " + REASON, result.detail());
    assertEquals(List.of(20.0, 0.0), h.weights("checkout"), "the canary took traffic, then none");
    List<AuditEntry> aborts =
        release.status().audit().stream().filter(ControlEvent.Aborted.class::isInstance).toList();
    assertEquals(
        List.of("alertmanager: aborted — " + REASON),
        aborts.stream().map(AuditEntry::sentence).toList());
  }

  @Test
  void aPolicyCanHaveAnAlertPauseTheReleaseForAHuman() {
    release = h.start(ReleaseHarness.request("checkout", "alert-pause"));
    h.waitFor(Duration.ofMinutes(2));

    assertEquals(
        new ControlAnswer(true, "paused by alertmanager: " + REASON),
        send(Action.ALERT, "alertmanager", REASON));
    assertEquals(Phase.PAUSED, release.status().phase());
    ControlAnswer repeat = send(Action.ALERT, "alertmanager", REASON);
    assertFalse(repeat.accepted());
    assertTrue(repeat.message().startsWith("the release is already paused"), repeat.message());

    h.waitFor(Duration.ofMinutes(30));
    assertEquals(Phase.PAUSED, release.status().phase(), "held past its soak while paused");
    assertTrue(send(Action.RESUME, "oncall-sam", "alert was the load test").accepted());
    ReleaseResult result = h.result(release);
    assertEquals(ReleaseOutcome.PROMOTED, result.outcome(), result.detail());
    assertEquals(List.of(20.0, 100.0, 0.0), h.weights("checkout"), "promoted, canary retired");
  }

  @Test
  void anAlertNamesWhoSentItAndWhy() {
    release = h.start(ReleaseHarness.request("checkout", "fast"));
    h.waitFor(Duration.ofMinutes(2));
    ControlAnswer answer = send(Action.ALERT, "alertmanager", " ");
    assertEquals(new ControlAnswer(false, "an alert names who sends it and why"), answer);
    assertEquals(Phase.SOAKING, release.status().phase());
  }
}
