package io.rollwright.worker;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.rollwright.activities.ExtensionSet;
import io.rollwright.activities.ReleaseActivities;
import io.rollwright.activities.analysis.ScheduledSoakActivities;
import io.rollwright.activities.analysis.ThreadSoakActivities;
import io.rollwright.activities.base.ActivityClock;
import io.rollwright.activities.base.SystemActivityClock;
import io.rollwright.activities.notify.NotificationActivitiesImpl;
import io.rollwright.activities.notify.Notifier;
import io.rollwright.activities.notify.log.LogNotifier;
import io.rollwright.activities.policy.ClasspathPolicyFiles;
import io.rollwright.activities.policy.DirectoryPolicyFiles;
import io.rollwright.activities.policy.PolicyActivitiesImpl;
import io.rollwright.activities.policy.PolicyFiles;
import io.rollwright.activities.preflight.PreflightActivitiesImpl;
import io.rollwright.activities.traffic.TrafficActivitiesImpl;
import io.rollwright.api.AnalysisActivities;
import io.rollwright.api.ReleasePayloads;
import io.rollwright.worker.extension.ElectronConfiguration;
import io.rollwright.worker.extension.FirebaseHostingConfiguration;
import io.rollwright.worker.extension.KubernetesConfiguration;
import io.rollwright.worker.extension.PlayConsoleConfiguration;
import io.rollwright.worker.extension.PrometheusConfiguration;
import io.rollwright.worker.extension.SlackConfiguration;
import io.rollwright.worker.extension.UnleashConfiguration;
import io.rollwright.worker.killswitch.TemporalKillSwitches;
import io.rollwright.workflow.UnreadableRequestInterceptor;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.interceptors.WorkerInterceptor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Wires the activities from the worker's settings; the Temporal starter registers them by bean
 * name.
 */
@Configuration(proxyBeanMethods = false)
@Import({
  ElectronConfiguration.class,
  FirebaseHostingConfiguration.class,
  KubernetesConfiguration.class,
  PlayConsoleConfiguration.class,
  PrometheusConfiguration.class,
  SlackConfiguration.class,
  UnleashConfiguration.class
})
public class WorkerConfiguration {

  /**
   * A release whose start input cannot be read fails at once, instead of retrying its first
   * workflow task for ever.
   */
  /** The converter the Temporal starter gives the worker's client (the bean name it looks for). */
  @Bean
  DataConverter mainDataConverter() {
    return ReleasePayloads.converter();
  }

  @Bean
  WorkerInterceptor unreadableRequestInterceptor() {
    return new UnreadableRequestInterceptor();
  }

  @Bean
  ActivityClock activityClock() {
    return new SystemActivityClock();
  }

  /**
   * The extensions of every {@link ExtensionSet} bean: each technology's configuration offers its
   * own when its settings turn it on ({@link ElectronConfiguration}, {@link
   * FirebaseHostingConfiguration}, {@link KubernetesConfiguration}, {@link
   * PlayConsoleConfiguration}, {@link PrometheusConfiguration}, {@link UnleashConfiguration}).
   */
  @Bean
  RegisteredExtensions registeredExtensions(ObjectProvider<ExtensionSet> sets) {
    return RegisteredExtensions.of(sets.orderedStream().toList());
  }

  /** Refuses to start unless the default router and metric provider are set to registered ones. */
  @Bean
  ReleaseActivities releaseActivities(
      RollwrightProperties props,
      ActivityClock clock,
      RegisteredExtensions registered,
      MeterRegistry meters,
      ObjectProvider<Notifier> notifiers,
      ObjectProvider<WorkflowClient> client) {
    DefaultProviders defaults = DefaultProviders.require(props, registered);
    List<PolicyFiles> files = new ArrayList<>();
    if (props.policiesDir() != null && !props.policiesDir().isBlank()) {
      files.add(new DirectoryPolicyFiles(Path.of(props.policiesDir())));
    }
    if (props.policiesClasspath() != null && !props.policiesClasspath().isBlank()) {
      files.add(new ClasspathPolicyFiles(props.policiesClasspath()));
    }
    return new ReleaseActivities(
        new ReleaseActivities.Parts(
            clock,
            files,
            new PolicyActivitiesImpl.Defaults(
                props.defaultPolicy(), defaults.router(), defaults.metrics()),
            registered.routers(),
            registered.workloads(),
            registered.providers(),
            new TemporalKillSwitches(client::getObject, props.killSwitch()),
            notifiers(meters, notifiers),
            registered.preflightChecks()));
  }

  /**
   * The log and Rollwright's own metrics always; every {@link Notifier} bean besides (Slack, when
   * {@link SlackConfiguration} is on).
   */
  private static List<Notifier> notifiers(MeterRegistry meters, ObjectProvider<Notifier> more) {
    List<Notifier> all =
        new ArrayList<>(List.of(new LogNotifier(), new MicrometerNotifier(meters)));
    more.orderedStream().forEach(all::add);
    return all;
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

  /**
   * Soaks on the shared scheduler (the default), or each on a thread of its own. How late samples
   * run past their due time is the metric {@code rollwright_soak_sample_lag_seconds}; how many runs
   * the scheduler holds, {@code rollwright_soaks_active}.
   */
  @Bean
  AnalysisActivities analysisActivities(
      ReleaseActivities activities,
      RollwrightProperties props,
      ObjectProvider<WorkflowClient> client,
      MeterRegistry meters) {
    RollwrightProperties.AnalysisProperties analysis = props.analysis();
    Timer lag =
        Timer.builder("rollwright.soak.sample.lag")
            .description("how late a soak's sample ran past its due time")
            .publishPercentiles(0.5, 0.99)
            .register(meters);
    LongConsumer late = millis -> lag.record(millis, TimeUnit.MILLISECONDS);
    if (analysis.soaks() == RollwrightProperties.SoakMode.THREADS) {
      return new ThreadSoakActivities(activities.providers(), new SystemActivityClock(), late);
    }
    ScheduledSoakActivities soaks =
        new ScheduledSoakActivities(
            activities.providers(),
            new SystemActivityClock(),
            () -> client.getObject().newActivityCompletionClient(),
            analysis.threads(),
            late);
    Gauge.builder("rollwright.soaks.active", soaks, ScheduledSoakActivities::soaking)
        .description("soaks this worker analyses now")
        .register(meters);
    return soaks;
  }

  @Bean
  NotificationActivitiesImpl notificationActivities(ReleaseActivities activities) {
    return activities.notifications();
  }
}
