package io.rollwright.worker;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.rollwright.activities.ExtensionSet;
import io.rollwright.activities.ReleaseActivities;
import io.rollwright.activities.analysis.ScheduledSoakActivities;
import io.rollwright.activities.analysis.ThreadSoakActivities;
import io.rollwright.activities.base.ActivityClock;
import io.rollwright.activities.base.SystemActivityClock;
import io.rollwright.activities.metrics.MetricProvider;
import io.rollwright.activities.metrics.prometheus.PrometheusClient;
import io.rollwright.activities.metrics.prometheus.PrometheusMetricProvider;
import io.rollwright.activities.notify.NotificationActivitiesImpl;
import io.rollwright.activities.notify.Notifier;
import io.rollwright.activities.notify.log.LogNotifier;
import io.rollwright.activities.notify.slack.SlackNotifier;
import io.rollwright.activities.policy.ClasspathPolicyFiles;
import io.rollwright.activities.policy.DirectoryPolicyFiles;
import io.rollwright.activities.policy.PolicyActivitiesImpl;
import io.rollwright.activities.policy.PolicyFiles;
import io.rollwright.activities.preflight.PreflightActivitiesImpl;
import io.rollwright.activities.traffic.TrafficActivitiesImpl;
import io.rollwright.activities.traffic.kubernetes.Kubernetes;
import io.rollwright.api.AnalysisActivities;
import io.rollwright.api.ReleasePayloads;
import io.rollwright.workflow.UnreadableRequestInterceptor;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.interceptors.WorkerInterceptor;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the activities from the worker's settings; the Temporal starter registers them by bean
 * name.
 */
@Configuration(proxyBeanMethods = false)
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

  /** The Kubernetes routers, when enabled; their client closes with the application. */
  @Bean
  @ConditionalOnProperty(name = "rollwright.kubernetes.enabled", havingValue = "true")
  Kubernetes kubernetes(RollwrightProperties props, ActivityClock clock) {
    RollwrightProperties.KubernetesProperties k = props.kubernetes();
    return new Kubernetes(
        new KubernetesClientBuilder().build(), clock, k.progressDeadline(), k.poll());
  }

  /**
   * The extensions of every {@link ExtensionSet} bean (the Kubernetes routers when enabled; others
   * only where a profile adds them), and the {@code prometheus} metric provider when its URL is
   * set.
   */
  @Bean
  RegisteredExtensions registeredExtensions(
      RollwrightProperties props, ObjectProvider<ExtensionSet> sets) {
    List<ExtensionSet> all = new ArrayList<>(sets.orderedStream().toList());
    prometheus(props.prometheus()).ifPresent(all::add);
    return RegisteredExtensions.of(all);
  }

  /** Refuses to start unless the default router and metric provider are set to registered ones. */
  @Bean
  ReleaseActivities releaseActivities(
      RollwrightProperties props,
      ActivityClock clock,
      RegisteredExtensions registered,
      MeterRegistry meters) {
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
            props::killSwitch,
            notifiers(props.slack(), meters),
            registered.preflightChecks()));
  }

  /** The log and Rollwright's own metrics always; Slack when a token is configured. */
  private static List<Notifier> notifiers(
      RollwrightProperties.SlackProperties slack, MeterRegistry meters) {
    List<Notifier> all =
        new ArrayList<>(List.of(new LogNotifier(), new MicrometerNotifier(meters)));
    if (slack.token() != null && !slack.token().isBlank()) {
      SlackConfig config = new SlackConfig();
      if (slack.apiUrl() != null) {
        config.setMethodsEndpointUrlPrefix(slack.apiUrl());
      }
      all.add(new SlackNotifier(Slack.getInstance(config).methods(slack.token()), slack.channel()));
    }
    return all;
  }

  /** The {@code prometheus} metric provider, when a URL is configured. */
  private static Optional<ExtensionSet> prometheus(RollwrightProperties.PrometheusProperties p) {
    if (p.url() == null || p.url().isBlank()) {
      return Optional.empty();
    }
    PrometheusClient client =
        new PrometheusClient(URI.create(p.url()), p.authorization(), p.timeout(), null);
    Map<String, MetricProvider> provider =
        Map.of(
            PrometheusMetricProvider.NAME,
            new PrometheusMetricProvider(client, p.queries(), p.minWindow()));
    return Optional.of(
        new ExtensionSet() {
          @Override
          public Map<String, MetricProvider> providers() {
            return provider;
          }
        });
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
