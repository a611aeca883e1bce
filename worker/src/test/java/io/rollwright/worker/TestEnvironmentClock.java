package io.rollwright.worker;

import io.rollwright.activities.base.ActivityClock;
import io.temporal.activity.Activity;
import io.temporal.client.ActivityCompletionClient;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;

/**
 * The test server's clock: an activity's sleep lets the server skip time, so days of soak take
 * seconds. Before each skip the sleeping activity's heartbeat is recorded on the server at once
 * (the SDK's own heartbeats are throttled in real time, and the server may otherwise skip past the
 * heartbeat timeout while one is still queued).
 */
final class TestEnvironmentClock implements ActivityClock {
  private final TestWorkflowEnvironment env;
  private final ActivityCompletionClient heartbeats;

  TestEnvironmentClock(TestWorkflowEnvironment env) {
    this.env = env;
    this.heartbeats = env.getWorkflowClient().newActivityCompletionClient();
  }

  @Override
  public long now() {
    return env.currentTimeMillis();
  }

  @Override
  public void sleep(Duration d) {
    heartbeats.heartbeat(Activity.getExecutionContext().getTaskToken(), "skipping " + d);
    env.sleep(d);
  }
}
