package io.rollwright.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollwright.api.ApprovalDecision;
import io.rollwright.api.Phase;
import io.rollwright.api.ReleaseMemo;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.ReleaseStatus;
import io.rollwright.api.ReleaseWorkflow;
import io.rollwright.policy.Strategy;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code rollwright rollback}: a release of its own kind that puts back a version promoted before,
 * as it was promoted, straight at 100% and then watched (test policy {@code baked}: the default
 * watch of 10 minutes with the bake's checks).
 */
class RollbackTest extends TimeSkippingReleaseTest {
  private static ReleaseRequest release(String version) {
    return new ReleaseRequest(
        "checkout",
        version,
        "registry.example/checkout:" + version,
        "prod",
        Strategy.CANARY,
        "baked",
        null,
        "alice",
        null,
        null);
  }

  private static ReleaseRequest rollback(String to) {
    return new ReleaseRequest(
        "checkout",
        to,
        null,
        "prod",
        Strategy.ROLLBACK,
        "baked",
        null,
        "bob",
        "2.4.0 doubles p95 at full load",
        null);
  }

  private void promoteTwoVersions() {
    assertEquals(ReleaseOutcome.PROMOTED, h.run(release("2.3.0")).outcome());
    assertEquals(ReleaseOutcome.PROMOTED, h.run(release("2.4.0")).outcome());
    assertEquals("2.4.0", h.cluster().stableVersion("checkout"));
  }

  @Test
  void withoutAVersionItPutsBackThePreviouslyPromotedOneStraightAtFullTrafficThenWatchesIt() {
    promoteTwoVersions();
    int before = h.weights("checkout").size();

    ReleaseWorkflow undo = h.start(rollback(null));
    ReleaseResult result = h.result(undo);

    assertEquals(ReleaseOutcome.PROMOTED, result.outcome(), result.detail());
    assertEquals("rolled back to 2.3.0 and held through the bake of 10m", result.detail());
    assertEquals("2.3.0", h.cluster().stableVersion("checkout"));
    assertEquals(
        List.of(100.0, 0.0),
        h.weights("checkout").subList(before, h.weights("checkout").size()),
        "no stages: all traffic at once, then the canary goes once 2.3.0 is stable");
    ReleaseStatus status = undo.status();
    assertEquals("2.3.0", status.version());
    assertEquals(Strategy.ROLLBACK, status.strategy());
    assertTrue(
        status.audit().stream()
            .anyMatch(
                e ->
                    e.action().equals("rollback")
                        && e.actor().equals("bob")
                        && e.detail()
                            .equals(
                                "rollback from 2.4.0 to 2.3.0, straight to 100% and watched:"
                                    + " 2.4.0 doubles p95 at full load")),
        status.audit().toString());
    assertEquals(
        "rollback",
        WorkflowStub.fromTyped(undo).describe().getMemo(ReleaseMemo.KIND, String.class),
        "history and DORA tell it from a release of a change");
  }

  @Test
  void aVersionNeverPromotedThereIsRefusedBeforeAnythingMoves() {
    promoteTwoVersions();
    List<String> before = h.actions("checkout");

    WorkflowFailedException refused =
        assertThrows(WorkflowFailedException.class, () -> h.run(rollback("9.9.9")));

    assertTrue(
        refused
            .getCause()
            .getMessage()
            .contains(
                "9.9.9 was never promoted to prod for checkout (promoted there: 2.4.0, 2.3.0)"),
        refused.getCause().getMessage());
    assertEquals(before, h.actions("checkout"), "nothing moved");
    assertEquals("2.4.0", h.cluster().stableVersion("checkout"));
  }

  private static ReleaseRequest forced(String service, String requester) {
    return new ReleaseRequest(
        service,
        "9.9.9",
        "registry.example/" + service + ":9.9.9",
        "prod",
        Strategy.ROLLBACK,
        null,
        null,
        requester,
        "hotfix build from the release branch",
        null,
        true,
        null);
  }

  @Test
  void aForcedRollbackToAVersionNeverPromotedIsBreakGlassConfirmedByASecondHolder() {
    WorkflowFailedException open =
        assertThrows(WorkflowFailedException.class, () -> h.run(forced("checkout", "alice")));
    assertTrue(
        open.getCause()
            .getMessage()
            .contains(
                "alice may not start a forced rollback to 9.9.9, never promoted to prod of"
                    + " checkout@prod: that needs the breakGlass role, and nobody holds it"),
        open.getCause().getMessage());

    ReleaseWorkflow vault = h.start(forced("vault", "alice"));
    h.waitFor(Duration.ofMinutes(1));
    assertEquals(Phase.AWAITING_APPROVAL, vault.status().phase());
    assertEquals("break-glass", vault.status().gate().stage());
    assertEquals(List.of(), h.actions("vault"), "nothing moves before a second holder confirms");
    vault.approve(new ApprovalDecision("dave", "seen the incident"));

    ReleaseResult result = h.result(vault);
    assertEquals(ReleaseOutcome.PROMOTED, result.outcome(), result.detail());
    assertEquals("9.9.9", h.cluster().stableVersion("vault"));
  }
}
