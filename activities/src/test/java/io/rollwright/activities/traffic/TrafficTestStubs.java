package io.rollwright.activities.traffic;

import io.rollwright.api.TrafficActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;

/** The traffic activities of a test environment as a workflow calls them, one attempt per call. */
public final class TrafficTestStubs {
  private TrafficTestStubs() {}

  public static TrafficActivities traffic(TestActivityEnvironment env) {
    return env.newActivityStub(
        TrafficActivities.class,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofMinutes(1))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
            .build());
  }
}
