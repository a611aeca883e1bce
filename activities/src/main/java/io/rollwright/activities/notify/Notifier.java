package io.rollwright.activities.notify;

import io.rollwright.api.ReleaseEvent;

/** Somewhere people hear about releases (a log, a Slack channel). */
public interface Notifier {
  /**
   * Delivers one event; throws when delivery failed and is worth retrying.
   *
   * @return where this notifier keeps the release's conversation (a Slack thread), for the next
   *     events to join; null when it keeps none
   */
  String tell(ReleaseEvent event);
}
