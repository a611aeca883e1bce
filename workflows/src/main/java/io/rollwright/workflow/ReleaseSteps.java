package io.rollwright.workflow;

import io.rollwright.api.AnalysisActivities;
import io.rollwright.api.NotificationActivities;
import io.rollwright.api.PolicyActivities;
import io.rollwright.api.PreflightActivities;
import io.rollwright.api.PreflightResult;
import io.rollwright.api.ReleaseEvent;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.ResolvedRelease;
import io.rollwright.api.SoakRequest;
import io.rollwright.api.SoakResult;
import io.rollwright.api.TrafficActivities;
import io.rollwright.api.TrafficTarget;
import io.rollwright.policy.DurationText;
import io.rollwright.policy.InvalidReleaseException;
import io.rollwright.policy.PreflightCheck;
import io.rollwright.policy.Stage;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;

/** The activities a release calls, each with the timeouts and retries its kind of work needs. */
final class ReleaseSteps {
  private static final Logger log = Workflow.getLogger(ReleaseSteps.class);
  private static final Duration SOAK_GRACE = Duration.ofMinutes(10);
  /** A soak whose worker died is taken over by another worker within three analysis intervals, or this. */
  private static final Duration MIN_HEARTBEAT = Duration.ofSeconds(10);

  private static final RetryOptions API_RETRIES = RetryOptions.newBuilder()
      .setInitialInterval(Duration.ofSeconds(1))
      .setBackoffCoefficient(2)
      .setMaximumInterval(Duration.ofMinutes(1))
      .setMaximumAttempts(8)
      .setDoNotRetry(InvalidReleaseException.FAILURE_TYPE)
      .build();

  /** Traffic actions heartbeat between their steps; a worker that died mid-action is noticed within this. */
  private static final Duration TRAFFIC_HEARTBEAT = Duration.ofSeconds(20);
  private static final ActivityOptions QUICK = options(Duration.ofSeconds(30));
  private static final ActivityOptions PREFLIGHT = options(Duration.ofMinutes(5));
  private static final ActivityOptions TRAFFIC =
      ActivityOptions.newBuilder(options(Duration.ofMinutes(15))).setHeartbeatTimeout(TRAFFIC_HEARTBEAT).build();
  private static final ActivityOptions NOTIFY = ActivityOptions.newBuilder()
      .setStartToCloseTimeout(Duration.ofSeconds(30))
      .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3).build())
      .build();

  private static ActivityOptions options(Duration startToClose) {
    return ActivityOptions.newBuilder().setStartToCloseTimeout(startToClose).setRetryOptions(API_RETRIES).build();
  }

  /** A stub whose calls show {@code summary} in the Web UI. */
  private static <T> T stub(Class<T> activities, ActivityOptions options, String summary) {
    return Workflow.newActivityStub(activities, ActivityOptions.newBuilder(options).setSummary(summary).build());
  }

  ResolvedRelease resolve(ReleaseRequest request) {
    return stub(PolicyActivities.class, QUICK, "resolve and validate the policy").resolve(request);
  }

  List<PreflightResult> preflight(ResolvedRelease release, List<PreflightCheck> checks) {
    return stub(PreflightActivities.class, PREFLIGHT, "pre-flight: " + checks.size() + " check(s)").runChecks(release, checks);
  }

  void deployCanary(TrafficTarget target) {
    stub(TrafficActivities.class, TRAFFIC, "deploy canary " + target.image()).deployCanary(target);
  }

  double setWeight(TrafficTarget target, double weight) {
    return stub(TrafficActivities.class, TRAFFIC, "canary weight " + Stage.weightText(weight)).setWeight(target, weight);
  }

  void promote(TrafficTarget target) {
    stub(TrafficActivities.class, TRAFFIC, "promote " + target.version() + " to stable").promote(target);
  }

  /** Restores stable: retried with backoff, without an attempt limit, until {@code deadline} has passed. */
  void rollback(TrafficTarget target, Duration deadline) {
    stub(TrafficActivities.class, ActivityOptions.newBuilder()
        .setScheduleToCloseTimeout(deadline)
        .setStartToCloseTimeout(Duration.ofMinutes(2))
        .setHeartbeatTimeout(TRAFFIC_HEARTBEAT)
        .setRetryOptions(RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofSeconds(1))
            .setBackoffCoefficient(2)
            .setMaximumInterval(Duration.ofMinutes(1))
            .setDoNotRetry(InvalidReleaseException.FAILURE_TYPE)
            .build())
        .build(), "roll back: all traffic to stable, canary to zero").rollback(target);
  }

  /** Starts the analysis of one soak; its heartbeat timeout lets another worker take over within a few intervals of a crash. */
  Promise<SoakResult> soak(SoakRequest request) {
    Duration interval = request.settings().interval();
    Duration heartbeat = interval.multipliedBy(3).compareTo(MIN_HEARTBEAT) > 0 ? interval.multipliedBy(3) : MIN_HEARTBEAT;
    AnalysisActivities analysis = stub(AnalysisActivities.class, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(request.duration().plus(SOAK_GRACE))
        .setHeartbeatTimeout(heartbeat)
        .setCancellationType(ActivityCancellationType.TRY_CANCEL)
        .setRetryOptions(RetryOptions.newBuilder().setMaximumInterval(Duration.ofSeconds(30)).setMaximumAttempts(20).build())
        .build(), "soak " + request.stage() + " for " + DurationText.format(request.duration()) + " with " + request.checks().size() + " check(s)");
    return Async.function(analysis::soak, request);
  }

  /** Tells people, and returns the release's conversation; a notifier that keeps failing is logged and the release goes on. */
  String tell(ReleaseEvent event) {
    try {
      return stub(NotificationActivities.class, NOTIFY, "tell: " + event.kind()).tell(event);
    } catch (ActivityFailure e) {
      log.warn("notification {} for {} not delivered: {}", event.kind(), event.releaseId(), e.getCause().getMessage());
      return event.thread();
    }
  }
}
