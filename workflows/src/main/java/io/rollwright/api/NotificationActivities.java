package io.rollwright.api;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Tells people what is happening. Never allowed to block or fail a release or a train. */
@ActivityInterface
public interface NotificationActivities {
  /**
   * Delivers one event to every configured notifier.
   *
   * @return the release's conversation (e.g. its Slack thread) for later events to join, or null
   */
  @ActivityMethod
  String tell(ReleaseEvent event);

  /**
   * Delivers one train event to every notifier that follows trains.
   *
   * @return the train's conversation (e.g. its Slack thread), which its releases and later events
   *     join, or null
   */
  @ActivityMethod
  String tellTrain(TrainEvent event);
}
