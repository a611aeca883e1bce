package io.rollwright.worker;

import io.rollwright.activities.ActivityClock;
import io.rollwright.activities.ReleaseActivities;
import io.rollwright.activities.Sandbox;
import io.rollwright.activities.SystemActivityClock;
import io.rollwright.activities.analysis.AnalysisActivitiesImpl;
import io.rollwright.activities.notify.LogNotifier;
import io.rollwright.activities.notify.NotificationActivitiesImpl;
import io.rollwright.activities.policy.ClasspathPolicyFiles;
import io.rollwright.activities.policy.DirectoryPolicyFiles;
import io.rollwright.activities.policy.PolicyActivitiesImpl;
import io.rollwright.activities.policy.PolicyFiles;
import io.rollwright.activities.preflight.PreflightActivitiesImpl;
import io.rollwright.activities.traffic.TrafficActivitiesImpl;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the activities from the worker's settings; the Temporal starter registers them by bean name. */
@Configuration(proxyBeanMethods = false)
public class WorkerConfiguration {

  @Bean
  ActivityClock activityClock() {
    return new SystemActivityClock();
  }

  @Bean
  Sandbox sandbox(ActivityClock clock) {
    return new Sandbox(clock);
  }

  @Bean
  ReleaseActivities releaseActivities(RollwrightProperties props, ActivityClock clock, Sandbox sandbox) {
    List<PolicyFiles> files = new ArrayList<>();
    if (props.policiesDir() != null && !props.policiesDir().isBlank()) {
      files.add(new DirectoryPolicyFiles(Path.of(props.policiesDir())));
    }
    if (props.policiesClasspath() != null && !props.policiesClasspath().isBlank()) {
      files.add(new ClasspathPolicyFiles(props.policiesClasspath()));
    }
    return new ReleaseActivities(new ReleaseActivities.Parts(
        clock,
        files,
        new PolicyActivitiesImpl.Defaults(props.defaultPolicy(), props.defaultRouter(), props.defaultMetrics()),
        sandbox.routers(),
        sandbox.workloads(),
        sandbox.providers(),
        props::killSwitch,
        List.of(new LogNotifier())));
  }

  @Bean
  PolicyActivitiesImpl policyActivities(ReleaseActivities activities) {
    return activities.policy();
  }

  @Bean
  PreflightActivitiesImpl preflightActivities(ReleaseActivities activities) {
    return activities.preflight();
  }

  @Bean
  TrafficActivitiesImpl trafficActivities(ReleaseActivities activities) {
    return activities.traffic();
  }

  @Bean
  AnalysisActivitiesImpl analysisActivities(ReleaseActivities activities) {
    return activities.analysis();
  }

  @Bean
  NotificationActivitiesImpl notificationActivities(ReleaseActivities activities) {
    return activities.notifications();
  }
}
