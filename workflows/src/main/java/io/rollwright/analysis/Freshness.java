package io.rollwright.analysis;

import java.time.Duration;
import java.time.Instant;

/**
 * How recent the samples behind a soak's verdict are. Pure. A gap — no complete sample for more
 * than twice the analysis interval plus {@link #SLACK}, because a worker died, the provider was
 * down, or the worker was stopped — discards what came before it: the soak may pass only once the
 * samples since the gap cover its longest sustained window (at least one sample).
 *
 * @param lastSampleAtMillis when the last sample was taken (0: none yet)
 * @param freshSinceMillis when the first complete sample since the last gap was taken (0: none yet)
 */
public record Freshness(long lastSampleAtMillis, long freshSinceMillis) {
  public static final Freshness NONE = new Freshness(0, 0);

  /** Time a sample may take on top of its interval before its absence is a gap. */
  public static final Duration SLACK = Duration.ofSeconds(5);

  /**
   * Whether nothing has been sampled for so long before {@code nowMillis} that the samples before
   * are stale.
   */
  public boolean gapBefore(long nowMillis, Duration interval) {
    return lastSampleAtMillis > 0
        && nowMillis - lastSampleAtMillis > interval.multipliedBy(2).plus(SLACK).toMillis();
  }

  /** The gap before {@code nowMillis}, in words for the audit timeline. */
  public String describeGap(long nowMillis, Duration window) {
    return "no sample for "
        + Duration.ofMillis(nowMillis - lastSampleAtMillis).toSeconds()
        + "s (from "
        + Instant.ofEpochMilli(lastSampleAtMillis)
        + " to "
        + Instant.ofEpochMilli(nowMillis)
        + "): the stage may pass only on fresh samples covering "
        + (window.isZero() ? "one sample" : window.toSeconds() + "s");
  }

  /** After a sample at {@code atMillis}; {@code complete}: every check had data. */
  public Freshness sampled(long atMillis, boolean complete, Duration interval) {
    long since =
        !complete || gapBefore(atMillis, interval)
            ? 0
            : freshSinceMillis == 0 ? atMillis : freshSinceMillis;
    return new Freshness(atMillis, complete && since == 0 ? atMillis : since);
  }

  /**
   * The fresh samples span {@code window}, as a breach must to be judged sustained (one sample
   * spans a window of zero).
   */
  public boolean covers(Duration window) {
    return freshSinceMillis > 0 && lastSampleAtMillis - freshSinceMillis >= window.toMillis();
  }

  /** After a gap noticed at {@code nowMillis}: the samples before it no longer count. */
  public Freshness stale(long nowMillis) {
    return new Freshness(nowMillis, 0);
  }
}
