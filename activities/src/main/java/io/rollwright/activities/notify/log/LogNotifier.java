package io.rollwright.activities.notify.log;

import io.rollwright.activities.notify.Notifier;
import io.rollwright.api.ReleaseEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes release events to the worker's log. */
public final class LogNotifier implements Notifier {
  private static final Logger log = LoggerFactory.getLogger("rollwright.events");

  @Override
  public String tell(ReleaseEvent event) {
    log.info("[{}] {} {}", event.releaseId(), event.kind(), event.message());
    return null;
  }
}
