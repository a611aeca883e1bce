package io.rollwright.analysis;

import java.util.List;

/**
 * A stage's analysis while it runs, as {@code status} and {@code watch} show it: each check's
 * latest value against its limit and where it is in its sustained window, the samples so far, when
 * the stage's soak ends and when the next sample is due. Read from the run's last heartbeat, so it
 * is at most one interval old and costs the release's history nothing.
 *
 * @param stage the stage analysed
 * @param watch a held canary is watched (paused, or at its gate) rather than soaking
 * @param samples samples judged so far in this run
 * @param checks each check's latest reading and window
 * @param startedAtMillis when this run began
 * @param endsAtMillis when the soak's time is over (a watch: when this watch is started again)
 * @param nextSampleAtMillis when the next sample is due
 * @param series the run's readings so far over time ({@link ReadingSeries})
 */
public record LiveSoak(
    String stage,
    boolean watch,
    int samples,
    List<Check> checks,
    long startedAtMillis,
    long endsAtMillis,
    long nextSampleAtMillis,
    List<ReadingPoint> series) {
  public LiveSoak {
    checks = checks == null ? List.of() : List.copyOf(checks);
    series = series == null ? List.of() : List.copyOf(series);
  }

  /**
   * One check: its latest reading, since when it has breached without a break (null: it does not),
   * and the window a breach must last to count.
   */
  public record Check(CheckReading reading, Long breachingSinceMillis, long sustainedMillis) {}
}
