package io.rollwright.activities.notify;

import io.rollwright.api.ReleaseEvent;

/** Somewhere people hear about releases (a log, a Slack channel). */
public interface Notifier {
  /** Delivers one event; throws when delivery failed and is worth retrying. */
  void tell(ReleaseEvent event);
}
