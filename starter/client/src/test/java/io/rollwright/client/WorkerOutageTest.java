package io.rollwright.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkerOutageTest {
  private static final Instant T0 = Instant.parse("2026-11-22T12:01:05Z");
  private static final RecordedRelease SOAKING =
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
          null,
          null,
          "RUNNING",
          T0.minusSeconds(60),
          null,
          List.of(),
          null,
          "not live");

  private final WorkerOutage outage = new WorkerOutage(Duration.ofSeconds(5));

  @Test
  void saysOnceSinceWhenNoWorkerAnswersAndWhereTheServerLastRecordedTheRelease() {
    Optional<String> first = outage.unanswered(T0, SOAKING);

    assertEquals(
        Optional.of(
            "⚠️  No worker has answered since 12:01:05 UTC (none within 5s); the server last recorded SOAKING · stage canary-10"
                + " · canary 10%. Still waiting: the release goes on when a worker is back."),
        first);
    assertTrue(outage.ongoing());
    assertEquals(
        Optional.empty(), outage.unanswered(T0.plusSeconds(6), SOAKING), "said once per outage");
  }

  @Test
  void saysWhenAWorkerAnswersAgainAndHowLongThereWasNone() {
    outage.unanswered(T0, SOAKING);

    assertEquals(
        Optional.of("🔌 A worker is answering again (12:01:40 UTC, after 35s without one)."),
        outage.answered(T0.plusSeconds(35)));
    assertFalse(outage.ongoing());
    assertTrue(
        outage.unanswered(T0.plusSeconds(60), SOAKING).isPresent(),
        "a second outage is said again");
  }

  @Test
  void saysNothingOfARunThatHasClosedForItsResultNeedsNoWorker() {
    RecordedRelease promoted =
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
            T0.minusSeconds(60),
            T0,
            List.of(),
            null,
            "not live");

    assertEquals(Optional.empty(), outage.unanswered(T0, promoted));
  }

  @Test
  void saysNothingWhileWorkersAnswer() {
    assertEquals(Optional.empty(), outage.answered(T0));
    assertFalse(outage.ongoing());
  }
}
