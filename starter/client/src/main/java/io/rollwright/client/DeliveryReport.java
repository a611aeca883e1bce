package io.rollwright.client;

import io.rollwright.policy.Limits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Delivery figures over a period, computed from release records alone (pure):
 *
 * <ul>
 *   <li><b>deployment frequency</b>: releases promoted in the period, per day (rollbacks are not
 *       changes: they count only as below);
 *   <li><b>lead time for changes</b>: median time from a change's commit to its release being
 *       promoted (never negative: a commit time later than the promotion by more than the clock
 *       skew is left out), over the promoted releases that were told their commit time;
 *   <li><b>change failure rate</b>: releases rolled back, failed, or promoted and then undone by a
 *       rollback ({@code undone}), out of every release that put the new version in front of
 *       production traffic (promoted, rolled back or failed; blocked ones never did);
 *   <li><b>time to restore</b>: median time from a failed release's end to the next promoted
 *       release of the same service and environment, and for an undone release the time its
 *       rollback took from start to promotion; failures with none yet are counted as not restored;
 *   <li><b>rollback rate</b>: releases rolled back out of those that deployed.
 * </ul>
 *
 * A release belongs to the period it ended in. {@code rollbacks} counts the rollback releases that
 * ended in the period, whatever their outcome.
 */
public record DeliveryReport(
    Instant from,
    Instant to,
    int releases,
    int promoted,
    int rolledBack,
    int failed,
    int blocked,
    double deploymentsPerDay,
    Duration medianLeadTime,
    int leadTimeSamples,
    double changeFailureRate,
    Duration medianTimeToRestore,
    int restored,
    int notRestored,
    double rollbackRate,
    int undone,
    int rollbacks,
    Map<String, Integer> promotedByType) {

  /**
   * The figures of the releases that ended in {@code [from, to)}; {@code all} may hold others
   * (later ones restore earlier failures).
   */
  public static DeliveryReport of(List<ReleaseRecord> all, Instant from, Instant to) {
    List<ReleaseRecord> inPeriod =
        all.stream()
            .filter(r -> r.ended() && !r.closedAt().isBefore(from) && r.closedAt().isBefore(to))
            .sorted(Comparator.comparing(ReleaseRecord::closedAt))
            .toList();
    List<ReleaseRecord> ended = inPeriod.stream().filter(r -> !r.rollback()).toList();
    Map<ReleaseRecord, ReleaseRecord> undoneBy = undoneBy(all);
    List<ReleaseRecord> undone = ended.stream().filter(undoneBy::containsKey).toList();
    int promoted = count(ended, "PROMOTED");
    int rolledBack = count(ended, "ROLLED_BACK");
    int failed = count(ended, "FAILED");
    int deployed = promoted + rolledBack + failed;
    List<Duration> leadTimes =
        ended.stream()
            .filter(r -> r.promoted() && r.changeCommittedAt() != null)
            .filter(r -> !r.changeCommittedAt().isAfter(r.closedAt().plus(Limits.CLOCK_SKEW)))
            .map(r -> nonNegative(Duration.between(r.changeCommittedAt(), r.closedAt())))
            .toList();
    List<Duration> restores = new ArrayList<>();
    int notRestored = 0;
    PromotedTimeline fixes = PromotedTimeline.of(all, r -> true);
    for (ReleaseRecord failure : ended.stream().filter(ReleaseRecord::failedChange).toList()) {
      var fix = fixes.firstAfter(failure, failure.closedAt());
      if (fix.isPresent()) {
        restores.add(Duration.between(failure.closedAt(), fix.get().closedAt()));
      } else {
        notRestored++;
      }
    }
    for (ReleaseRecord release : undone) {
      ReleaseRecord rollback = undoneBy.get(release);
      restores.add(Duration.between(rollback.startedAt(), rollback.closedAt()));
    }
    double days =
        Math.max(Duration.between(from, to).toMillis(), 1) / (double) Duration.ofDays(1).toMillis();
    return new DeliveryReport(
        from,
        to,
        ended.size(),
        promoted,
        rolledBack,
        failed,
        count(ended, "BLOCKED"),
        promoted / days,
        median(leadTimes),
        leadTimes.size(),
        ratio(rolledBack + failed + undone.size(), deployed),
        median(restores),
        restores.size(),
        notRestored,
        ratio(rolledBack, deployed),
        undone.size(),
        inPeriod.size() - ended.size(),
        promotedByType(ended));
  }

  /** How many releases of each type were promoted ({@code untyped}: started before types). */
  private static Map<String, Integer> promotedByType(List<ReleaseRecord> ended) {
    Map<String, Integer> byType = new TreeMap<>();
    ended.stream()
        .filter(ReleaseRecord::promoted)
        .forEach(r -> byType.merge(r.type() == null ? "untyped" : r.type(), 1, Integer::sum));
    return byType;
  }

  /**
   * Each promoted release a promoted rollback undid, with that rollback: the latest promoted
   * release of the same service and environment that ended before the rollback started, of the
   * version the rollback replaced when it is known.
   */
  static Map<ReleaseRecord, ReleaseRecord> undoneBy(List<ReleaseRecord> all) {
    Map<ReleaseRecord, ReleaseRecord> undone = new HashMap<>();
    PromotedTimeline changes = PromotedTimeline.of(all, r -> !r.rollback());
    for (ReleaseRecord rollback :
        all.stream().filter(r -> r.rollback() && r.promoted() && r.ended()).toList()) {
      changes
          .lastBefore(
              rollback,
              rollback.startedAt(),
              r -> rollback.rollbackFrom() == null || rollback.rollbackFrom().equals(r.version()))
          .ifPresent(r -> undone.putIfAbsent(r, rollback));
    }
    return undone;
  }

  /**
   * Releases that put the new version in front of production traffic: promoted, rolled back or
   * failed.
   */
  public int deployed() {
    return promoted + rolledBack + failed;
  }

  private static int count(List<ReleaseRecord> records, String outcome) {
    return (int) records.stream().filter(r -> outcome.equals(r.outcome())).count();
  }

  private static double ratio(int part, int whole) {
    return whole == 0 ? 0 : part / (double) whole;
  }

  /** The median, the mean of the middle two for an even count; null for none. */
  static Duration median(List<Duration> values) {
    if (values.isEmpty()) {
      return null;
    }
    List<Duration> sorted = values.stream().sorted().toList();
    int mid = sorted.size() / 2;
    return sorted.size() % 2 == 1
        ? sorted.get(mid)
        : sorted.get(mid - 1).plus(sorted.get(mid)).dividedBy(2);
  }

  private static Duration nonNegative(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }
}
