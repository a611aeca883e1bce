package io.rollwright.activities.notify;

import io.rollwright.activities.base.ActivityClock;
import io.rollwright.api.NotificationActivities;
import io.rollwright.api.ReleaseEvent;
import io.rollwright.api.TrainEvent;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers each event to every notifier, each on its own: one that fails is tried once more after a
 * pause, unless it refused the event ({@link IllegalArgumentException}: the same event would be
 * refused again), and is then logged and left. So a notifier that is down neither holds back the
 * others nor makes them deliver the event twice (the activity itself is not retried for it), and
 * the release's conversation (a Slack thread) is kept whatever happened to the others. Train events
 * go to the notifiers that follow trains ({@link TrainNotifier}) alone.
 */
public final class NotificationActivitiesImpl implements NotificationActivities {
  static final int ATTEMPTS = 2;

  private static final Logger log = LoggerFactory.getLogger(NotificationActivitiesImpl.class);

  private final List<Notifier> notifiers;
  private final ActivityClock clock;
  private final Duration pause;

  /** {@code pause}: the wait before a failed notifier is tried again. */
  public NotificationActivitiesImpl(List<Notifier> notifiers, ActivityClock clock, Duration pause) {
    this.notifiers = List.copyOf(notifiers);
    this.clock = clock;
    this.pause = pause;
  }

  @Override
  public String tell(ReleaseEvent event) {
    String thread = event.thread();
    for (Notifier n : notifiers) {
      String kept = deliver(n, () -> n.tell(event), event.kind(), event.releaseId());
      thread = thread == null ? kept : thread;
    }
    return thread;
  }

  @Override
  public String tellTrain(TrainEvent event) {
    String thread = event.thread();
    for (Notifier n : notifiers) {
      if (n instanceof TrainNotifier t) {
        String kept = deliver(n, () -> t.tellTrain(event), event.kind(), event.trainId());
        thread = thread == null ? kept : thread;
      }
    }
    return thread;
  }

  /** Delivers {@code kind} for {@code id} to {@code n} by {@code telling}; null when it failed. */
  private String deliver(Notifier n, Supplier<String> telling, Enum<?> kind, String id) {
    for (int attempt = 1; ; attempt++) {
      try {
        return telling.get();
      } catch (IllegalArgumentException refused) {
        log.warn("{} refused {} for {}: {}", name(n), kind, id, refused.getMessage());
        return null;
      } catch (RuntimeException failed) {
        if (attempt >= ATTEMPTS) {
          log.warn(
              "{} did not take {} for {} after {} attempts: {}",
              name(n),
              kind,
              id,
              attempt,
              failed.getMessage());
          return null;
        }
        try {
          clock.sleep(pause);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return null;
        }
      }
    }
  }

  private static String name(Notifier n) {
    return n.getClass().getSimpleName();
  }
}
