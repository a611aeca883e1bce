package io.rollwright.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollwright.api.ApprovalDecision;
import io.rollwright.api.AuditEntry;
import io.rollwright.api.LedgerEntry;
import io.rollwright.api.ProgressEvent;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.ReleaseWorkflow;
import io.rollwright.ledger.JdbcReleaseLedger;
import io.rollwright.worker.ledger.JdbcLedgerActivities;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each ended release is written to the ledger, a SQLite file here, with who decided what; a ledger
 * that cannot be written never keeps a release from ending, and the gap is told.
 */
class LedgerTest extends TimeSkippingReleaseTest {
  @TempDir Path dir;

  @Test
  void anEndedReleaseIsInTheLedgerWithItsDecisions() {
    JdbcReleaseLedger ledger =
        new JdbcReleaseLedger("jdbc:sqlite:" + dir.resolve("ledger.db"), null, null);
    h.ledger.set(new JdbcLedgerActivities(() -> ledger));
    ReleaseWorkflow release = h.start(ReleaseHarness.request("checkout", "gated"));
    h.waitFor(Duration.ofMinutes(41));
    release.approve(new ApprovalDecision("bob", "dashboards fine"));
    release.approve(new ApprovalDecision("carol", "ok"));
    ReleaseResult result = h.result(release);
    assertEquals(ReleaseOutcome.PROMOTED, result.outcome(), result.detail());

    List<LedgerEntry> listed = ledger.list("checkout", "prod", Instant.EPOCH);
    assertEquals(1, listed.size());
    LedgerEntry kept = ledger.latest("checkout@prod").orElseThrow();
    assertEquals(ReleaseOutcome.PROMOTED, kept.outcome());
    assertEquals("2.3.0", kept.version());
    assertEquals("alice", kept.requestedBy());
    assertEquals("feature", kept.type());
    assertEquals(
        Duration.ofMinutes(41),
        Duration.ofSeconds((kept.endedAtMillis() - kept.startedAtMillis()) / 1000),
        "two soaks, 10 and 30 minutes, and the approvals a minute later");
    assertEquals(
        List.of(
            "bob: approved — approved by bob (1 of 2); reason: dashboards fine",
            "carol: approved — approved by carol (2 of 2); reason: ok"),
        kept.decisions().stream()
            .filter(e -> e.action().equals("approved"))
            .map(AuditEntry::sentence)
            .toList());
    assertInstanceOf(
        ProgressEvent.Finished.class, kept.decisions().get(kept.decisions().size() - 1));
  }

  @Test
  void aLedgerThatIsDownDoesNotHoldTheReleaseAndTheGapIsTold() {
    h.ledger.set(
        entry -> {
          throw new IllegalStateException("the release ledger could not be written: disk full");
        });
    ReleaseResult result = h.run(ReleaseHarness.request("search", "fast"));
    assertEquals(ReleaseOutcome.PROMOTED, result.outcome(), result.detail());
    assertTrue(
        h.events.stream()
            .anyMatch(
                e ->
                    e.message()
                            .contains("the release ledger did not take the record of search@prod")
                        && e.message().contains("disk full")),
        "the gap is told");
  }
}
