package io.rollwright.activities;

import io.rollwright.activities.analysis.ThreadSoakActivities;
import io.rollwright.activities.base.ActivityClock;
import io.rollwright.activities.base.Registry;
import io.rollwright.activities.metrics.MetricProvider;
import io.rollwright.activities.metrics.Track;
import io.rollwright.activities.notify.NotificationActivitiesImpl;
import io.rollwright.activities.notify.Notifier;
import io.rollwright.activities.policy.PolicyActivitiesImpl;
import io.rollwright.activities.policy.PolicyFiles;
import io.rollwright.activities.policy.PolicyRepository;
import io.rollwright.activities.preflight.ChangeFreezeCheck;
import io.rollwright.activities.preflight.DependenciesCheck;
import io.rollwright.activities.preflight.KillSwitchCheck;
import io.rollwright.activities.preflight.MetricFloorCheck;
import io.rollwright.activities.preflight.PreflightActivitiesImpl;
import io.rollwright.activities.preflight.PreflightCheck;
import io.rollwright.activities.traffic.TrafficActivitiesImpl;
import io.rollwright.activities.traffic.TrafficRouter;
import io.rollwright.activities.traffic.WorkloadManager;
import io.rollwright.policy.Metric;
import io.rollwright.policy.PolicyValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Assembles the activity implementations a worker registers from the parts it is configured with.
 * The worker application and the tests build their activities through this one place.
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
      BooleanSupplier killSwitch,
      List<Notifier> notifiers,
      List<PreflightCheck> moreChecks) {}

  private final PolicyActivitiesImpl policy;
  private final PreflightActivitiesImpl preflight;
  private final TrafficActivitiesImpl traffic;
  private final Registry<MetricProvider> providers;
  private final ThreadSoakActivities analysis;
  private final NotificationActivitiesImpl notifications;

  public ReleaseActivities(Parts parts) {
    providers = new Registry<>("metric provider", parts.providers());
    Registry<TrafficRouter> routers = new Registry<>("traffic router", parts.routers());
    List<PreflightCheck> checks =
        new ArrayList<>(
            List.of(
                new MetricFloorCheck(
                    "quality-gate", Metric.QUALITY_SCORE, Track.CANARY, providers, parts.clock()),
                new MetricFloorCheck(
                    "telemetry-health",
                    Metric.SUCCESS_RATE,
                    Track.STABLE,
                    providers,
                    parts.clock()),
                new DependenciesCheck(providers, parts.clock()),
                new ChangeFreezeCheck(parts.clock()),
                new KillSwitchCheck(parts.killSwitch())));
    checks.addAll(parts.moreChecks());
    Registry<PreflightCheck> preflightChecks =
        new Registry<>(
            "pre-flight check",
            checks.stream().collect(Collectors.toMap(PreflightCheck::name, Function.identity())));
    PolicyValidator validator =
        new PolicyValidator(
            new PolicyValidator.Known(routers.names(), providers.names(), preflightChecks.names()));
    policy =
        new PolicyActivitiesImpl(
            new PolicyRepository(parts.policyFiles()), validator, parts.defaults());
    preflight = new PreflightActivitiesImpl(preflightChecks);
    traffic =
        new TrafficActivitiesImpl(routers, new Registry<>("workload manager", parts.workloads()));
    analysis = new ThreadSoakActivities(providers, parts.clock());
    notifications = new NotificationActivitiesImpl(parts.notifiers());
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
