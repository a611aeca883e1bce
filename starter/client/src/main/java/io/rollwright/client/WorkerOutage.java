package io.rollwright.client;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Whether workers answer a watcher's {@code status} queries, and the one line to say when that
 * changes: once when they stop (since when, and where the server last recorded the release), once
 * when one answers again. Pure: it prints nothing itself.
 */
public final class WorkerOutage {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private final Duration answerWithin;
  private Instant since;

  /** {@code answerWithin} is how long each query gives a worker to answer. */
  public WorkerOutage(Duration answerWithin) {
    this.answerWithin = answerWithin;
  }

  /** Whether the last query went unanswered. */
  public boolean ongoing() {
    return since != null;
  }

  /**
   * A query asked at {@code askedAt} went unanswered; the line to say when it is the first of an
   * outage, naming what the server last {@code recorded} of the release. Nothing when the run has
   * closed: its result needs no worker.
   */
  public Optional<String> unanswered(Instant askedAt, RecordedRelease recorded) {
    if (since != null || !recorded.running()) {
      return Optional.empty();
    }
    since = askedAt;
    return Optional.of(
        "⚠️  No worker has answered since "
            + TIME.format(askedAt)
            + " (none within "
            + answerWithin.toSeconds()
            + "s); the server last recorded "
            + recorded.where()
            + ". Still waiting: the release goes on when a worker is back.");
  }

  /** A query was answered at {@code now}; the line to say when it ends an outage. */
  public Optional<String> answered(Instant now) {
    if (since == null) {
      return Optional.empty();
    }
    Duration gap = Duration.between(since, now);
    since = null;
    return Optional.of(
        "🔌 A worker is answering again ("
            + TIME.format(now)
            + ", after "
            + gap.toSeconds()
            + "s without one).");
  }
}
