package io.rollwright.worker;

import io.rollwright.activities.ActivityClock;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;

/**
 * The test server's clock: an activity's sleep lets the server skip time, so days of soak take
 * seconds. Each sleep also lets a moment of real time pass, so the heartbeat the activity sent
 * before it reaches the server before the server skips past the heartbeat timeout.
 */
final class TestEnvironmentClock implements ActivityClock {
  private static final Duration HEARTBEAT_FLUSH = Duration.ofMillis(2);

  private final TestWorkflowEnvironment env;

  TestEnvironmentClock(TestWorkflowEnvironment env) {
    this.env = env;
  }

  @Override
  public long now() {
    return env.currentTimeMillis();
  }

  @Override
  public void sleep(Duration d) throws InterruptedException {
    Thread.sleep(HEARTBEAT_FLUSH.toMillis());
    env.sleep(d);
  }
}
