package io.rollwright.activities;

import io.rollwright.activities.analysis.ThreadSoakActivities;
import io.rollwright.activities.base.ActivityClock;
import io.rollwright.activities.base.Registry;
import io.rollwright.activities.metrics.MetricProvider;
import io.rollwright.activities.metrics.Track;
import io.rollwright.activities.metrics.log.LogMetricProvider;
import io.rollwright.activities.notify.NotificationActivitiesImpl;
import io.rollwright.activities.notify.Notifier;
import io.rollwright.activities.policy.PolicyActivitiesImpl;
import io.rollwright.activities.policy.PolicyFiles;
import io.rollwright.activities.policy.PolicyRepository;
import io.rollwright.activities.preflight.ChangeFreezeCheck;
import io.rollwright.activities.preflight.DependenciesCheck;
import io.rollwright.activities.preflight.KillSwitchCheck;
import io.rollwright.activities.preflight.KillSwitches;
import io.rollwright.activities.preflight.MetricFloorCheck;
import io.rollwright.activities.preflight.PreflightActivitiesImpl;
import io.rollwright.activities.preflight.PreflightCheck;
import io.rollwright.activities.traffic.TrafficActivitiesImpl;
import io.rollwright.activities.traffic.TrafficRouter;
import io.rollwright.activities.traffic.WorkloadManager;
import io.rollwright.activities.traffic.log.LogRouter;
import io.rollwright.policy.Metric;
import io.rollwright.policy.PolicyValidator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Assembles the activity implementations a worker registers from the parts it is configured with.
 * The worker application and the tests build their activities through this one place. Besides the
 * parts' extensions, every worker has the {@code log} router and metric provider, which touch
 * nothing outside, and the built-in pre-flight checks.
 */
public final class ReleaseActivities {
  /**
   * What a worker is made of: its clock, policy files and defaults, and the implementations of each
   * extension point by name.
   */
  public record Parts(
      ActivityClock clock,
      List<PolicyFiles> policyFiles,
      PolicyActivitiesImpl.Defaults defaults,
      Map<String, TrafficRouter> routers,
      Map<String, WorkloadManager> workloads,
      Map<String, MetricProvider> providers,
      KillSwitches killSwitch,
      List<Notifier> notifiers,
      List<PreflightCheck> moreChecks) {}

  private final PolicyActivitiesImpl policy;
  private final PreflightActivitiesImpl preflight;
  private final TrafficActivitiesImpl traffic;
  private final Registry<MetricProvider> providers;
  private final ThreadSoakActivities analysis;
  private final NotificationActivitiesImpl notifications;

  public ReleaseActivities(Parts parts) {
    LogRouter logRouter = new LogRouter();
    providers =
        new Registry<>(
            "metric provider",
            with(parts.providers(), LogMetricProvider.NAME, new LogMetricProvider()));
    Registry<TrafficRouter> routers =
        new Registry<>("traffic router", with(parts.routers(), LogRouter.NAME, logRouter));
    List<PreflightCheck> checks =
        new ArrayList<>(builtInChecks(providers, parts.clock(), parts.killSwitch()));
    checks.addAll(parts.moreChecks());
    Registry<PreflightCheck> preflightChecks =
        new Registry<>(
            "pre-flight check",
            checks.stream().collect(Collectors.toMap(PreflightCheck::name, Function.identity())));
    PolicyValidator validator =
        new PolicyValidator(
            new PolicyValidator.Known(
                routers.describe(r -> r::checkPolicy),
                providers.describe(p -> p::checkQuery),
                preflightChecks.describe(c -> c::checkSettings)));
    policy =
        new PolicyActivitiesImpl(
            new PolicyRepository(parts.policyFiles()), validator, parts.defaults());
    preflight = new PreflightActivitiesImpl(preflightChecks);
    traffic =
        new TrafficActivitiesImpl(
            routers,
            new Registry<>("workload manager", with(parts.workloads(), LogRouter.NAME, logRouter)));
    analysis = new ThreadSoakActivities(providers, parts.clock());
    notifications =
        new NotificationActivitiesImpl(parts.notifiers(), parts.clock(), Duration.ofSeconds(1));
  }

  /** {@code given} and one more; the names of the given ones may not take its name. */
  private static <T> Map<String, T> with(Map<String, T> given, String name, T builtIn) {
    if (given.containsKey(name)) {
      throw new IllegalArgumentException("'" + name + "' is the name of a built-in extension");
    }
    Map<String, T> all = new HashMap<>(given);
    all.put(name, builtIn);
    return all;
  }

  /**
   * The pre-flight checks every worker has, reading metrics from {@code providers}: {@code
   * quality-gate}, {@code telemetry-health}, {@code dependencies}, {@code change-freeze} and {@code
   * kill-switch}.
   */
  public static List<PreflightCheck> builtInChecks(
      Registry<MetricProvider> providers, ActivityClock clock, KillSwitches killSwitch) {
    return List.of(
        new MetricFloorCheck("quality-gate", Metric.QUALITY_SCORE, Track.CANARY, providers, clock),
        new MetricFloorCheck(
            "telemetry-health", Metric.SUCCESS_RATE, Track.STABLE, providers, clock),
        new DependenciesCheck(providers, clock),
        new ChangeFreezeCheck(clock),
        new KillSwitchCheck(killSwitch));
  }

  public PolicyActivitiesImpl policy() {
    return policy;
  }

  public PreflightActivitiesImpl preflight() {
    return preflight;
  }

  public TrafficActivitiesImpl traffic() {
    return traffic;
  }

  /**
   * Soaks that each hold a thread, on the activity clock (which time-skipping tests substitute).
   */
  public ThreadSoakActivities analysis() {
    return analysis;
  }

  /** The metric providers soaks read, by name. */
  public Registry<MetricProvider> providers() {
    return providers;
  }

  public NotificationActivitiesImpl notifications() {
    return notifications;
  }

  /**
   * Every implementation but the analysis, for the release task queue's worker; the analysis has a
   * queue of its own.
   */
  public Object[] allButAnalysis() {
    return new Object[] {policy, preflight, traffic, notifications};
  }
}
