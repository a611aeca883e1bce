package io.rollwright.activities.base;

import java.time.Duration;

/**
 * The time activities see and wait on; tests substitute the test server's clock so soaks can be
 * time-skipped.
 */
public interface ActivityClock {
  /** Current time in epoch milliseconds. */
  long now();

  /** Waits for {@code d}. */
  void sleep(Duration d) throws InterruptedException;
}
