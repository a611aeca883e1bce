package io.rollwright.workflow;

import io.rollwright.api.AnalysisActivities;
import io.rollwright.api.NotificationActivities;
import io.rollwright.api.PolicyActivities;
import io.rollwright.api.PreflightActivities;
import io.rollwright.api.ReleaseEvent;
import io.rollwright.api.SoakRequest;
import io.rollwright.api.SoakResult;
import io.rollwright.api.TrafficActivities;
import io.rollwright.policy.InvalidReleaseException;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import org.slf4j.Logger;

/** The activities a release calls, each with the timeouts and retries its kind of work needs. */
final class ReleaseSteps {
  private static final Logger log = Workflow.getLogger(ReleaseSteps.class);
  private static final Duration SOAK_GRACE = Duration.ofMinutes(10);

  private static final RetryOptions API_RETRIES = RetryOptions.newBuilder()
      .setInitialInterval(Duration.ofSeconds(1))
      .setBackoffCoefficient(2)
      .setMaximumInterval(Duration.ofMinutes(1))
      .setMaximumAttempts(8)
      .setDoNotRetry(InvalidReleaseException.FAILURE_TYPE)
      .build();

  final PolicyActivities policy = Workflow.newActivityStub(PolicyActivities.class, options(Duration.ofSeconds(30)));
  final PreflightActivities preflight = Workflow.newActivityStub(PreflightActivities.class, options(Duration.ofMinutes(5)));
  final TrafficActivities traffic = Workflow.newActivityStub(TrafficActivities.class,
      ActivityOptions.newBuilder(options(Duration.ofMinutes(15))).setHeartbeatTimeout(Duration.ofMinutes(1)).build());
  private final NotificationActivities notifications = Workflow.newActivityStub(NotificationActivities.class,
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3).build())
          .build());

  private static ActivityOptions options(Duration startToClose) {
    return ActivityOptions.newBuilder().setStartToCloseTimeout(startToClose).setRetryOptions(API_RETRIES).build();
  }

  /** The rollback stub: retried with backoff, without an attempt limit, until {@code deadline} has passed. */
  TrafficActivities rollbackTraffic(Duration deadline) {
    return Workflow.newActivityStub(TrafficActivities.class, ActivityOptions.newBuilder()
        .setScheduleToCloseTimeout(deadline)
        .setStartToCloseTimeout(Duration.ofMinutes(5))
        .setRetryOptions(RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofSeconds(1))
            .setBackoffCoefficient(2)
            .setMaximumInterval(Duration.ofMinutes(1))
            .setDoNotRetry(InvalidReleaseException.FAILURE_TYPE)
            .build())
        .build());
  }

  /** Starts the analysis of one soak; its heartbeat timeout lets another worker take over within a few intervals of a crash. */
  Promise<SoakResult> soak(SoakRequest request) {
    Duration interval = request.settings().interval();
    Duration heartbeat = interval.multipliedBy(3).compareTo(Duration.ofMinutes(1)) > 0 ? interval.multipliedBy(3) : Duration.ofMinutes(1);
    AnalysisActivities analysis = Workflow.newActivityStub(AnalysisActivities.class, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(request.duration().plus(SOAK_GRACE))
        .setHeartbeatTimeout(heartbeat)
        .setCancellationType(ActivityCancellationType.TRY_CANCEL)
        .setRetryOptions(RetryOptions.newBuilder().setMaximumInterval(Duration.ofSeconds(30)).setMaximumAttempts(20).build())
        .build());
    return Async.function(analysis::soak, request);
  }

  /** Tells people; a notifier that keeps failing is logged and the release goes on. */
  void tell(ReleaseEvent event) {
    try {
      notifications.tell(event);
    } catch (ActivityFailure e) {
      log.warn("notification {} for {} not delivered: {}", event.kind(), event.releaseId(), e.getCause().getMessage());
    }
  }
}
