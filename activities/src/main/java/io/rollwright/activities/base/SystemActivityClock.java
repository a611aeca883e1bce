package io.rollwright.activities.base;

import java.time.Duration;

/** The wall clock. */
public final class SystemActivityClock implements ActivityClock {
  @Override
  public long now() {
    return System.currentTimeMillis();
  }

  @Override
  public void sleep(Duration d) throws InterruptedException {
    Thread.sleep(d.toMillis());
  }
}
