package io.rollwright.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollwright.api.ApprovalDecision;
import io.rollwright.api.AuditEntry;
import io.rollwright.api.Phase;
import io.rollwright.api.ProgressRenderer;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.ReleaseStatus;
import io.rollwright.api.ReleaseWorkflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A gate that needs one approver from team-lead (alice, bob) and one from sre-oncall (bob, carol),
 * on a release alice requested.
 */
class QuorumGateTest extends TimeSkippingReleaseTest {

  @Test
  void bobInBothGroupsStandsForOneAndTheProgressSaysWhatIsMissing() {
    ReleaseWorkflow release = h.start(ReleaseHarness.request("checkout", "quorum"));
    ProgressRenderer progress = new ProgressRenderer();
    List<String> lines = new ArrayList<>();
    h.waitFor(Duration.ofMinutes(11));
    assertEquals(Phase.AWAITING_APPROVAL, release.status().phase());

    release.approve(new ApprovalDecision("alice", "mine"));
    release.approve(new ApprovalDecision("bob", "looks fine"));
    h.waitFor(Duration.ofMinutes(1));
    ReleaseStatus waiting = release.status();
    lines.addAll(progress.next(waiting));
    assertEquals(Phase.AWAITING_APPROVAL, waiting.phase(), "bob alone is not one of each");
    assertEquals(List.of("bob"), waiting.gate().approvedBy(), "the requester never counts");
    assertEquals("needs 1 from sre-oncall", waiting.gate().missing());

    release.approve(new ApprovalDecision("carol", "on call, fine"));
    ReleaseResult result = h.result(release);
    ReleaseStatus done = release.status();
    lines.addAll(progress.next(done));

    assertEquals(ReleaseOutcome.PROMOTED, result.outcome(), result.detail());
    assertNull(done.gate());
    assertEquals(
        List.of("bob", "carol"),
        done.audit().stream()
            .filter(e -> e.action().equals("approved"))
            .map(AuditEntry::actor)
            .toList());
    assertTrue(
        lines.contains("✋ Approved by bob (1 of 2; needs 1 from sre-oncall); reason: looks fine"),
        lines.toString());
    assertTrue(
        lines.contains("✋ Approved by carol (2 of 2); reason: on call, fine"), lines.toString());
    assertTrue(
        lines.stream()
            .anyMatch(
                l ->
                    l.startsWith("⏳ Approval requested — stage canary-25: 2 approval(s) needed")
                        && l.contains("at least 1 from each of team-lead, sre-oncall")),
        lines.toString());
    assertTrue(
        lines.stream().anyMatch(l -> l.contains("alice requested this release and cannot approve")),
        lines.toString());
  }
}
