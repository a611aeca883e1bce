package io.rollwright.activities.notify;

import io.rollwright.api.ReleaseEvent;

/** Somewhere people hear about releases (a log, a Slack channel). */
public interface Notifier {
  /**
   * Delivers one event; throws {@link IllegalArgumentException} when it refuses the event (the same
   * event would be refused again), any other exception when delivery failed and may succeed later.
   *
   * @return where this notifier keeps the release's conversation (a Slack thread), for the next
   *     events to join; null when it keeps none
   */
  String tell(ReleaseEvent event);
}
