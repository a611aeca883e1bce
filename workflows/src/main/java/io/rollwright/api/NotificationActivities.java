package io.rollwright.api;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Tells people what is happening. Never allowed to block or fail a release. */
@ActivityInterface
public interface NotificationActivities {
  /** Delivers one event to every configured notifier. */
  @ActivityMethod
  void tell(ReleaseEvent event);
}
