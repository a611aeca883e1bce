package io.rollwright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rollwright.api.ControlEvent;
import io.rollwright.api.GateStatus;
import io.rollwright.api.LedgerEntry;
import io.rollwright.api.Phase;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.ReleaseStatus;
import io.rollwright.client.RecordedRelease;
import io.rollwright.policy.Strategy;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusTextTest {
  private static final Instant STARTED = Instant.parse("2026-11-22T12:15:03Z");
  private static final String NOTE =
      "no worker answered within 5s; this is what the server last recorded";

  @Test
  void aHeldReleaseSaysWhyAndUntilWhenAndWhatItsGateStillNeeds() {
    ReleaseStatus held =
        new ReleaseStatus(
            "checkout@prod",
            "checkout",
            "2.3.0",
            "prod",
            Strategy.CANARY,
            "alice",
            "progressive",
            Phase.HELD,
            2,
            4,
            "canary-5",
            5,
            null,
            new GateStatus(
                "canary-5",
                2,
                List.of("bob", "carol"),
                List.of("bob"),
                STARTED.plusSeconds(7200).toEpochMilli(),
                List.of("team-lead", "sre-oncall"),
                "needs 1 from sre-oncall"),
            List.of(),
            List.of(),
            null,
            List.of(),
            STARTED.toEpochMilli(),
            null,
            "change freeze: year-end; goes on at 2027-01-05T08:00:00Z",
            null);
    List<String> lines = StatusText.of(held);
    assertEquals(
        "phase: HELD · stage 2 of 4 (canary-5) · canary 5% · held: change freeze: year-end; goes on"
            + " at 2027-01-05T08:00:00Z",
        lines.get(1));
    assertEquals(
        "gate: 1 of 2 approvals (bob) from bob, carol · needs 1 from sre-oncall, closes"
            + " 2026-11-22T14:15:03Z",
        lines.get(2));
  }

  @Test
  void aRecordedReleaseIsShownAsNotLiveWithWhereItWasLastRecorded() {
    RecordedRelease soaking =
        new RecordedRelease(
            "checkout@prod",
            "run-1",
            "checkout",
            "2.3.0",
            "prod",
            "alice",
            "SOAKING",
            "canary-10",
            10L,
            "checkout 2.3.0 → prod, canary",
            "abc123",
            "RUNNING",
            STARTED,
            null,
            List.of("activity Soak scheduled, attempt 2, last failure: activity Heartbeat timeout"),
            null,
            NOTE);

    assertEquals(
        List.of(
            "checkout@prod — checkout 2.3.0 → prod, canary, requested by alice",
            "⚠️  not live: " + NOTE,
            "recorded: SOAKING · stage canary-10 · canary 10%",
            "run: RUNNING, started 11-22 12:15:03 UTC",
            "change: abc123",
            "pending: activity Soak scheduled, attempt 2, last failure: activity Heartbeat timeout"),
        StatusText.recorded(soaking));
  }

  @Test
  void aRecordedReleaseThatCompletedShowsItsOutcome() {
    ReleaseResult promoted =
        new ReleaseResult(
            "checkout@prod", ReleaseOutcome.PROMOTED, null, "all stages passed", 45_200);
    RecordedRelease done =
        new RecordedRelease(
            "checkout@prod",
            "run-1",
            "checkout",
            "2.3.0",
            "prod",
            "alice",
            "PROMOTED",
            "canary-50",
            100L,
            null,
            null,
            "COMPLETED",
            STARTED,
            STARTED.plusSeconds(45),
            List.of(),
            promoted,
            NOTE);

    assertEquals(
        List.of(
            "checkout@prod — checkout 2.3.0 → prod, requested by alice",
            "⚠️  not live: " + NOTE,
            "recorded: PROMOTED · stage canary-50 · canary 100% · run COMPLETED",
            "run: COMPLETED, started 11-22 12:15:03 UTC, closed 11-22 12:15:48 UTC",
            "✅ checkout@prod PROMOTED in 45.2s — all stages passed"),
        StatusText.recorded(done));
  }

  @Test
  void aReleaseTemporalNoLongerHoldsIsShownFromTheLedgerWithEveryDecision() {
    long started = STARTED.toEpochMilli();
    LedgerEntry ended =
        new LedgerEntry(
            "checkout@prod",
            "run-7",
            "checkout",
            "prod",
            "2.3.0",
            "hotfix",
            null,
            null,
            "alice",
            "c0ffee",
            null,
            ReleaseOutcome.ROLLED_BACK,
            "error-rate above 5%",
            started,
            started + 2_520_000,
            List.of(
                new ControlEvent.Decided(started + 60_000, "bob", true, "approved (1 of 1)"),
                new ControlEvent.Decided(started + 120_000, "carol", false, "too noisy")));
    assertEquals(
        List.of(
            "checkout@prod — checkout 2.3.0 → prod [hotfix], requested by alice",
            "📒 ended: from the release ledger, which keeps what Temporal no longer holds",
            "run: run-7, started 11-22 12:15:03 UTC, ended 11-22 12:57:03 UTC",
            "change: c0ffee",
            "outcome: ROLLED_BACK after 42m — error-rate above 5%",
            "decisions (UTC):",
            "  11-22 12:16:03  bob  approved — approved (1 of 1)",
            "  11-22 12:17:03  carol  rejected — too noisy"),
        StatusText.archived(ended));
  }
}
