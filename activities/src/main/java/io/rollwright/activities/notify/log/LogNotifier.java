package io.rollwright.activities.notify.log;

import io.rollwright.activities.notify.TrainNotifier;
import io.rollwright.api.ReleaseEvent;
import io.rollwright.api.TrainEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes release and train events to the worker's log. */
public final class LogNotifier implements TrainNotifier {
  private static final Logger log = LoggerFactory.getLogger("rollwright.events");

  @Override
  public String tell(ReleaseEvent event) {
    log.info("[{}] {} {}", event.releaseId(), event.kind(), event.message());
    return null;
  }

  @Override
  public String tellTrain(TrainEvent event) {
    log.info("[{}] {} {}", event.trainId(), event.kind(), event.message());
    return null;
  }
}
