package io.rollwright.workflow;

import io.rollwright.api.AnalysisActivities;
import io.rollwright.api.HistoryActivities;
import io.rollwright.api.NotificationActivities;
import io.rollwright.api.PolicyActivities;
import io.rollwright.api.PreflightActivities;
import io.rollwright.api.PreflightResult;
import io.rollwright.api.PromotedRelease;
import io.rollwright.api.ReleaseEvent;
import io.rollwright.api.ReleaseIds;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.ResolvedRelease;
import io.rollwright.api.SoakRequest;
import io.rollwright.api.SoakResult;
import io.rollwright.api.TrafficActivities;
import io.rollwright.api.TrafficTarget;
import io.rollwright.api.TrainEvent;
import io.rollwright.policy.DurationText;
import io.rollwright.policy.InvalidReleaseException;
import io.rollwright.policy.PreflightSettings;
import io.rollwright.policy.Stage;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;

/** The activities a release calls, each with the timeouts and retries its kind of work needs. */
final class ReleaseSteps {
  private static final Logger log = Workflow.getLogger(ReleaseSteps.class);
  private static final Duration SOAK_GRACE = Duration.ofMinutes(10);

  /**
   * A soak whose worker died is taken over by another worker within three analysis intervals, or
   * this.
   */
  private static final Duration MIN_HEARTBEAT = Duration.ofSeconds(10);

  private static final RetryOptions API_RETRIES =
      RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(1))
          .setBackoffCoefficient(2)
          .setMaximumInterval(Duration.ofMinutes(1))
          .setMaximumAttempts(8)
          .setDoNotRetry(InvalidReleaseException.FAILURE_TYPE)
          .build();

  /**
   * Traffic actions heartbeat between their steps; a worker that died mid-action is noticed within
   * this.
   */
  private static final Duration TRAFFIC_HEARTBEAT = Duration.ofSeconds(20);

  /** Pre-flight heartbeats between its checks, each bounded by its own timeout. */
  private static final Duration PREFLIGHT_HEARTBEAT = Duration.ofSeconds(30);

  /**
   * A soak's heartbeat timeout: three analysis intervals, within these bounds, so a dead worker
   * stalls it seconds.
   */
  private static final Duration MAX_SOAK_HEARTBEAT = Duration.ofSeconds(30);

  private static final ActivityOptions QUICK = options(Duration.ofSeconds(10));
  private static final ActivityOptions HISTORY = options(Duration.ofMinutes(1));
  private static final ActivityOptions PREFLIGHT =
      ActivityOptions.newBuilder(options(Duration.ofMinutes(5)))
          .setHeartbeatTimeout(PREFLIGHT_HEARTBEAT)
          .build();
  private static final ActivityOptions TRAFFIC =
      ActivityOptions.newBuilder(options(Duration.ofMinutes(15)))
          .setHeartbeatTimeout(TRAFFIC_HEARTBEAT)
          .build();
  private static final ActivityOptions NOTIFY =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3).build())
          .build();

  private static ActivityOptions options(Duration startToClose) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(startToClose)
        .setRetryOptions(API_RETRIES)
        .build();
  }

  /** A stub whose calls show {@code summary} in the Web UI. */
  private static <T> T stub(Class<T> activities, ActivityOptions options, String summary) {
    return Workflow.newActivityStub(
        activities, ActivityOptions.newBuilder(options).setSummary(summary).build());
  }

  List<PromotedRelease> promoted(ReleaseRequest rollback) {
    return stub(HistoryActivities.class, HISTORY, "release history: versions promoted")
        .promoted(rollback.service(), rollback.environment());
  }

  ResolvedRelease resolve(ReleaseRequest request) {
    return stub(PolicyActivities.class, QUICK, "resolve and validate the policy").resolve(request);
  }

  List<PreflightResult> preflight(ResolvedRelease release, List<PreflightSettings> checks) {
    return stub(PreflightActivities.class, PREFLIGHT, "pre-flight: " + checks.size() + " check(s)")
        .runChecks(release, checks);
  }

  List<PreflightResult> stageChecks(
      ResolvedRelease release, Stage stage, List<PreflightSettings> checks) {
    return stub(
            PreflightActivities.class,
            PREFLIGHT,
            "before stage " + stage.name() + ": " + checks.size() + " check(s)")
        .runStageChecks(release, stage.name(), stage.weight(), checks);
  }

  List<PreflightResult> soakChecks(
      ResolvedRelease release, Stage stage, List<PreflightSettings> checks) {
    return stub(
            PreflightActivities.class,
            PREFLIGHT,
            "during stage " + stage.name() + ": " + checks.size() + " check(s)")
        .runSoakChecks(release, stage.name(), stage.weight(), checks);
  }

  void deployCanary(TrafficTarget target) {
    stub(TrafficActivities.class, TRAFFIC, "deploy canary " + target.image()).deployCanary(target);
  }

  double setWeight(TrafficTarget target, double weight) {
    return stub(TrafficActivities.class, TRAFFIC, "canary weight " + Stage.weightText(weight))
        .setWeight(target, weight);
  }

  double bake(TrafficTarget target) {
    return stub(TrafficActivities.class, TRAFFIC, "bake: all traffic to " + target.version())
        .bake(target);
  }

  void promote(TrafficTarget target) {
    stub(TrafficActivities.class, TRAFFIC, "promote " + target.version() + " to stable")
        .promote(target);
  }

  /**
   * Restores stable, retrying until {@code timeout} has passed: attempts 1 s apart, the gap
   * doubling up to a tenth of the timeout (between 1 and 30 s), and re-issued with what is left
   * whenever Temporal's own schedule would stop short of it. A failure that retrying cannot mend
   * (bad configuration, a missing object) ends it at once.
   *
   * @throws ActivityFailure the last failure, once the timeout has passed
   */
  void rollback(TrafficTarget target, Duration timeout) {
    long deadline = Workflow.currentTimeMillis() + timeout.toMillis();
    Duration gap = clamp(timeout.dividedBy(10), Duration.ofSeconds(1), Duration.ofSeconds(30));
    while (true) {
      Duration left = Duration.ofMillis(deadline - Workflow.currentTimeMillis());
      try {
        stub(
                TrafficActivities.class,
                ActivityOptions.newBuilder()
                    .setScheduleToCloseTimeout(left)
                    .setStartToCloseTimeout(
                        clamp(left, Duration.ofSeconds(1), Duration.ofMinutes(2)))
                    .setHeartbeatTimeout(TRAFFIC_HEARTBEAT)
                    .setRetryOptions(
                        RetryOptions.newBuilder()
                            .setInitialInterval(Duration.ofSeconds(1))
                            .setBackoffCoefficient(2)
                            .setMaximumInterval(gap)
                            .setDoNotRetry(InvalidReleaseException.FAILURE_TYPE)
                            .build())
                    .build(),
                "roll back: all traffic to stable, canary to zero")
            .rollback(target);
        return;
      } catch (ActivityFailure e) {
        if (!retryable(e)
            || deadline - Workflow.currentTimeMillis() < Duration.ofSeconds(1).toMillis()) {
          throw e;
        }
      }
    }
  }

  private static boolean retryable(ActivityFailure e) {
    Throwable cause = e.getCause();
    while (cause instanceof TimeoutFailure && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return !(cause instanceof ApplicationFailure a)
        || !(a.isNonRetryable() || InvalidReleaseException.FAILURE_TYPE.equals(a.getType()));
  }

  private static Duration clamp(Duration d, Duration min, Duration max) {
    return d.compareTo(min) < 0 ? min : d.compareTo(max) > 0 ? max : d;
  }

  /**
   * Starts one analysis run. Its heartbeat timeout lets another worker take over within seconds of
   * a crash; a soak may run past its duration by the longest sustained window, to cover a gap
   * again.
   */
  Promise<SoakResult> soak(SoakRequest request) {
    Duration heartbeat =
        clamp(request.settings().interval().multipliedBy(3), MIN_HEARTBEAT, MAX_SOAK_HEARTBEAT);
    Duration longestWindow =
        request.checks().stream()
            .map(c -> c.sustained())
            .max(Duration::compareTo)
            .orElse(Duration.ZERO);
    AnalysisActivities analysis =
        stub(
            AnalysisActivities.class,
            ActivityOptions.newBuilder()
                .setTaskQueue(ReleaseIds.analysisQueue(Workflow.getInfo().getTaskQueue()))
                .setStartToCloseTimeout(request.duration().plus(longestWindow).plus(SOAK_GRACE))
                .setHeartbeatTimeout(heartbeat)
                .setCancellationType(ActivityCancellationType.TRY_CANCEL)
                .setRetryOptions(
                    RetryOptions.newBuilder()
                        .setMaximumInterval(Duration.ofSeconds(30))
                        .setMaximumAttempts(20)
                        .build())
                .build(),
            (request.watch() ? "watch " : "soak ")
                + request.stage()
                + " for "
                + DurationText.format(request.duration())
                + " with "
                + request.checks().size()
                + " check(s)");
    return Async.function(analysis::soak, request);
  }

  /**
   * Tells people, and returns the release's conversation; a notifier that keeps failing is logged
   * and the release goes on.
   */
  String tell(ReleaseEvent event) {
    return told(
        () -> notifications(event.kind()).tell(event),
        event.kind(),
        event.releaseId(),
        event.thread());
  }

  /**
   * Tells people what a train did, and returns its conversation; a notifier that keeps failing is
   * logged and the train goes on.
   */
  String tellTrain(TrainEvent event) {
    return told(
        () -> notifications(event.kind()).tellTrain(event),
        event.kind(),
        event.trainId(),
        event.thread());
  }

  private static NotificationActivities notifications(Enum<?> kind) {
    return stub(NotificationActivities.class, NOTIFY, "tell: " + kind);
  }

  /** What {@code telling} returned, or {@code thread} (logged) when it was not delivered. */
  private static String told(Supplier<String> telling, Enum<?> kind, String id, String thread) {
    try {
      return telling.get();
    } catch (ActivityFailure e) {
      log.warn("notification {} for {} not delivered: {}", kind, id, e.getCause().getMessage());
      return thread;
    }
  }
}
