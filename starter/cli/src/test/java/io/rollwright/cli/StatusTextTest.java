package io.rollwright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseResult;
import io.rollwright.client.RecordedRelease;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusTextTest {
  private static final Instant STARTED = Instant.parse("2026-11-22T12:15:03Z");
  private static final String NOTE =
      "no worker answered within 5s; this is what the server last recorded";

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
}
