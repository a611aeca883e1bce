package io.rollwright.activities.notify;

import io.rollwright.api.TrainEvent;

/** A {@link Notifier} that also follows trains: their releases in one conversation. */
public interface TrainNotifier extends Notifier {
  /**
   * Delivers one train event; throws as {@link Notifier#tell} does.
   *
   * @return where this notifier keeps the train's conversation (a Slack thread), for its releases
   *     and its next events to join; null when it keeps none
   */
  String tellTrain(TrainEvent event);
}
