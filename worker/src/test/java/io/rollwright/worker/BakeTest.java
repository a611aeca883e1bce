package io.rollwright.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollwright.activities.metrics.Track;
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
 * The bake after the last stage (test policy {@code baked}: 10% and 50% for 10 minutes each, then
 * 30 minutes at 100% under an error limit of 2%): the previous version waits at zero, the release
 * is promoted only once the bake passes, and a breach while baking returns to the previous version.
 */
class BakeTest extends TimeSkippingReleaseTest {
  @Test
  void theBakeShowsAsAStageAtFullTrafficWithThePreviousVersionIdle() {
    ReleaseWorkflow release = h.start(ReleaseHarness.request("checkout", "baked"));
    h.waitFor(Duration.ofMinutes(25));

    ReleaseStatus baking = release.status();
    assertEquals(Phase.SOAKING, baking.phase());
    assertEquals("bake", baking.stage());
    assertEquals(3, baking.stageNumber());
    assertEquals(3, baking.stageCount());
    assertEquals(100.0, baking.weight());
    assertTrue(h.cluster().stableIdle("checkout"), "the previous version is kept, idle");
    assertNull(h.cluster().stableVersion("checkout"), "not promoted before the bake passes");
    assertTrue(
        baking.audit().stream().anyMatch(e -> e.action().equals("stage bake started")),
        baking.audit().toString());

    ReleaseResult result = h.result(release);

    assertEquals(ReleaseOutcome.PROMOTED, result.outcome(), result.detail());
    assertEquals("all 2 stages passed, then the bake of 30m", result.detail());
    assertEquals(List.of(10.0, 50.0, 100.0, 0.0), h.weights("checkout"));
    List<String> actions = h.actions("checkout");
    assertTrue(
        actions.indexOf("idle-stable") < actions.indexOf("promote-stable 2.3.0")
            && actions.indexOf("promote-stable 2.3.0") < actions.indexOf("wake-stable")
            && actions.indexOf("wake-stable") < actions.indexOf("route-all-to-stable"),
        "idled for the bake, promoted after it, woken before traffic returns: " + actions);
    assertEquals("2.3.0", h.cluster().stableVersion("checkout"));
  }

  @Test
  void aBreachWhileBakingRollsBackToThePreviousVersionWithReasonBake() {
    h.sandbox.metrics().script("checkout", Track.CANARY, "error-rate", "0.002, 30m: 0.03");

    ReleaseWorkflow release = h.start(ReleaseHarness.request("checkout", "baked"));
    ReleaseResult result = h.result(release);

    assertEquals(ReleaseOutcome.ROLLED_BACK, result.outcome(), result.detail());
    assertEquals(RollbackReason.BAKE, result.rollbackReason());
    assertTrue(result.detail().contains("error-rate"), result.detail());
    assertEquals("bake", release.status().stage());
    assertEquals(List.of(10.0, 50.0, 100.0, 0.0), h.weights("checkout"));
    List<String> actions = h.actions("checkout");
    assertTrue(
        actions.indexOf("wake-stable") < actions.indexOf("route-all-to-stable"),
        "the previous version is back at its count before traffic returns to it: " + actions);
    assertNull(h.cluster().stableVersion("checkout"), "the new version was never promoted");
    assertTrue(!h.cluster().stableIdle("checkout"));
  }

  @Test
  void aBreachBeforeTheBakeIsAnAnalysisRollbackAndNeverIdlesStable() {
    h.sandbox.metrics().script("checkout", Track.CANARY, "error-rate", "0.002, 5m: 0.3");

    ReleaseResult result = h.run(ReleaseHarness.request("checkout", "baked"));

    assertEquals(RollbackReason.ANALYSIS, result.rollbackReason(), result.detail());
    assertTrue(!h.actions("checkout").contains("idle-stable"));
  }
}
