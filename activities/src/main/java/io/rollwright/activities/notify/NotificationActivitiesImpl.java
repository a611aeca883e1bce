package io.rollwright.activities.notify;

import io.rollwright.api.NotificationActivities;
import io.rollwright.api.ReleaseEvent;
import java.util.List;

/** Delivers each event to every notifier. */
public final class NotificationActivitiesImpl implements NotificationActivities {
  private final List<Notifier> notifiers;

  public NotificationActivitiesImpl(List<Notifier> notifiers) {
    this.notifiers = List.copyOf(notifiers);
  }

  @Override
  public String tell(ReleaseEvent event) {
    String thread = event.thread();
    for (Notifier n : notifiers) {
      String kept = n.tell(event);
      thread = thread == null ? kept : thread;
    }
    return thread;
  }
}
