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
  public void tell(ReleaseEvent event) {
    for (Notifier n : notifiers) {
      n.tell(event);
    }
  }
}
