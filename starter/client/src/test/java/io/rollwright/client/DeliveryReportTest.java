package io.rollwright.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeliveryReportTest {
  private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
  private static final Instant FROM = T0;
  private static final Instant TO = T0.plus(Duration.ofDays(10));

  /**
   * A release of {@code service}@prod that started at T0 + {@code startHours} and ran {@code
   * minutes}.
   */
  private static ReleaseRecord release(
      String service,
      String outcome,
      double startHours,
      long minutes,
      Double committedHoursBefore) {
    Instant start = T0.plusSeconds((long) (startHours * 3600));
    return new ReleaseRecord(
        service + "@prod",
        "run-" + startHours,
        service,
        "1.0." + (int) startHours,
        "prod",
        "alice",
        outcome,
        start,
        minutes < 0 ? null : start.plus(Duration.ofMinutes(minutes)),
        "sha",
        committedHoursBefore == null
            ? null
            : start.minusSeconds((long) (committedHoursBefore * 3600)),
        null,
        null,
        null);
  }

  @Test
  void figuresOfAKnownSetOfReleases() {
    List<ReleaseRecord> releases =
        List.of(
            release("checkout", "PROMOTED", 1, 30, 2.0), // lead 2h30m
            release("checkout", "ROLLED_BACK", 24, 20, 1.0), // fails at 24h20m
            release(
                "checkout",
                "PROMOTED",
                27,
                40,
                0.5), // restores it at 27h40m: 3h20m later; lead 1h10m
            release("payments", "FAILED", 48, 60, null), // fails at 49h, never restored
            release("payments", "BLOCKED", 50, 1, null),
            release("search", "PROMOTED", 72, 15, 4.0), // lead 4h15m
            release("search", "PROMOTED", 96, 15, null),
            release("search", "ROLLED_BACK", 120, 10, null), // fails at 120h10m
            release("search", "PROMOTED", 121, 50, null), // restores it at 121h50m: 1h40m later
            release("ledger", "AWAITING_APPROVAL", 200, -1, null),
            release("ledger", "PROMOTED", -5, 60, 1.0)); // ended before the period

    DeliveryReport r = DeliveryReport.of(releases, FROM, TO);

    assertEquals(9, r.releases());
    assertEquals(
        List.of(5, 2, 1, 1), List.of(r.promoted(), r.rolledBack(), r.failed(), r.blocked()));
    assertEquals(0.5, r.deploymentsPerDay(), 1e-9);
    assertEquals(Duration.ofMinutes(150), r.medianLeadTime(), "median of 1h10m, 2h30m, 4h15m");
    assertEquals(3, r.leadTimeSamples());
    assertEquals(
        3 / 8.0,
        r.changeFailureRate(),
        1e-9,
        "3 of the 8 that deployed (the blocked one never did)");
    assertEquals(Duration.ofMinutes(150), r.medianTimeToRestore(), "median of 3h20m and 1h40m");
    assertEquals(List.of(2, 1), List.of(r.restored(), r.notRestored()));
    assertEquals(2 / 8.0, r.rollbackRate(), 1e-9);
  }

  /**
   * A rollback of checkout@prod to {@code version} from {@code from}, as release history has it.
   */
  private static ReleaseRecord rollback(
      String version, String from, String outcome, double startHours, long minutes) {
    Instant start = T0.plusSeconds((long) (startHours * 3600));
    return new ReleaseRecord(
        "checkout@prod",
        "rollback-" + startHours,
        "checkout",
        version,
        "prod",
        "bob",
        outcome,
        start,
        start.plus(Duration.ofMinutes(minutes)),
        null,
        null,
        "rollback",
        from,
        null);
  }

  @Test
  void aPromotedReleaseUndoneByARollbackIsAFailedChangeAndTheRollbackIsNoDeployment() {
    ReleaseRecord good = release("checkout", "PROMOTED", 1, 30, 1.0); // 1.0.1
    ReleaseRecord bad = release("checkout", "PROMOTED", 10, 30, 1.0); // 1.0.10, undone below
    List<ReleaseRecord> releases =
        List.of(
            good,
            bad,
            rollback("1.0.1", "1.0.10", "PROMOTED", 12, 12), // restores 1.0.1 in 12m
            release("search", "PROMOTED", 20, 10, null),
            rollback("1.0.10", "1.0.1", "ROLLED_BACK", 30, 5)); // a rollback that did not hold

    DeliveryReport r = DeliveryReport.of(releases, FROM, TO);

    assertEquals(3, r.releases(), "rollbacks are not releases of a change");
    assertEquals(3, r.promoted());
    assertEquals(2, r.rollbacks());
    assertEquals(1, r.undone());
    assertEquals(0.3, r.deploymentsPerDay(), 1e-9);
    assertEquals(1 / 3.0, r.changeFailureRate(), 1e-9, "1.0.10 was undone");
    assertEquals(Duration.ofMinutes(12), r.medianTimeToRestore());
    assertEquals(List.of(1, 0), List.of(r.restored(), r.notRestored()));
    assertEquals(0.0, r.rollbackRate(), 1e-9, "no release was rolled back by its own checks");
    assertEquals(
        bad, DeliveryReport.undoneBy(releases).keySet().iterator().next(), "not 1.0.1 before it");
  }

  @Test
  void promotedReleasesAreCountedByType() {
    ReleaseRecord feature = release("checkout", "PROMOTED", 1, 30, null);
    ReleaseRecord untyped = release("cart", "PROMOTED", 2, 30, null);
    ReleaseRecord rolledBack = release("cart", "ROLLED_BACK", 3, 30, null);
    List<ReleaseRecord> releases =
        List.of(
            typed(feature, "feature"),
            typed(release("checkout", "PROMOTED", 5, 30, null), "hotfix"),
            typed(release("checkout", "PROMOTED", 7, 30, null), "hotfix"),
            typed(rolledBack, "major"),
            untyped);
    DeliveryReport r = DeliveryReport.of(releases, T0, T0.plus(Duration.ofDays(1)));
    assertEquals(Map.of("feature", 1, "hotfix", 2, "untyped", 1), r.promotedByType());
  }

  private static ReleaseRecord typed(ReleaseRecord r, String type) {
    return new ReleaseRecord(
        r.releaseId(),
        r.runId(),
        r.service(),
        r.version(),
        r.environment(),
        r.requestedBy(),
        r.outcome(),
        r.startedAt(),
        r.closedAt(),
        r.changeRef(),
        r.changeCommittedAt(),
        r.kind(),
        r.rollbackFrom(),
        type);
  }

  @Test
  void leadTimeIsNeverNegative() {
    List<ReleaseRecord> releases =
        List.of(
            release(
                "checkout",
                "PROMOTED",
                1,
                10,
                -0.2), // committed 12m after start, 2m after it ended: clocks differ, lead 0
            release(
                "cart",
                "PROMOTED",
                2,
                10,
                -24.0)); // committed a day after it ended: not a measurement

    DeliveryReport r = DeliveryReport.of(releases, FROM, TO);

    assertEquals(1, r.leadTimeSamples());
    assertEquals(Duration.ZERO, r.medianLeadTime());
  }

  @Test
  void anEmptyPeriodHasNoFigures() {
    DeliveryReport r = DeliveryReport.of(List.of(), FROM, TO);
    assertEquals(0, r.releases());
    assertEquals(0.0, r.deploymentsPerDay());
    assertNull(r.medianLeadTime());
    assertNull(r.medianTimeToRestore());
    assertEquals(0.0, r.changeFailureRate());
  }

  @Test
  void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    assertEquals(
        Duration.ofMinutes(15),
        DeliveryReport.median(
            List.of(
                Duration.ofMinutes(40),
                Duration.ofMinutes(10),
                Duration.ofMinutes(20),
                Duration.ofMinutes(5))));
  }
}
