package io.rollwright.worker;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.rollwright.activities.ActivityClock;
import io.rollwright.activities.ReleaseActivities;
import io.rollwright.activities.Sandbox;
import io.rollwright.activities.SystemActivityClock;
import io.rollwright.activities.analysis.AnalysisActivitiesImpl;
import io.rollwright.activities.kubernetes.Kubernetes;
import io.rollwright.activities.metrics.MetricProvider;
import io.rollwright.activities.metrics.Track;
import io.rollwright.activities.notify.LogNotifier;
import io.rollwright.activities.notify.NotificationActivitiesImpl;
import io.rollwright.activities.notify.Notifier;
import io.rollwright.activities.notify.SlackNotifier;
import io.rollwright.activities.policy.ClasspathPolicyFiles;
import io.rollwright.activities.policy.DirectoryPolicyFiles;
import io.rollwright.activities.policy.PolicyActivitiesImpl;
import io.rollwright.activities.policy.PolicyFiles;
import io.rollwright.activities.preflight.PreflightActivitiesImpl;
import io.rollwright.activities.prometheus.PrometheusClient;
import io.rollwright.activities.prometheus.PrometheusMetricProvider;
import io.rollwright.activities.traffic.TrafficActivitiesImpl;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
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
  Sandbox sandbox(ActivityClock clock, RollwrightProperties props) {
    RollwrightProperties.SandboxProperties settings = props.sandbox();
    Sandbox sandbox = new Sandbox(clock, settings.journal() == null ? null : Path.of(settings.journal()), settings.actionDelay(),
        settings.measureDelay());
    for (String script : settings.metrics()) {
      String[] sides = script.split("=", 2);
      String[] what = sides[0].trim().split("\\s+");
      if (sides.length != 2 || what.length != 3) {
        throw new IllegalArgumentException("rollwright.sandbox.metrics: '" + script
            + "' is not '<service> <canary|stable> <metric> = <script>'");
      }
      sandbox.metrics().script(what[0], Track.valueOf(what[1].toUpperCase(Locale.ROOT)), what[2], sides[1].trim());
    }
    for (String failure : settings.failures()) {
      String[] what = failure.trim().split("\\s+");
      if (what.length != 3 || !what[2].matches("\\d+")) {
        throw new IllegalArgumentException("rollwright.sandbox.failures: '" + failure + "' is not '<service> <action> <times>'");
      }
      sandbox.cluster().failNext(what[0], what[1], Integer.parseInt(what[2]));
    }
    return sandbox;
  }

  /** The Kubernetes routers, when enabled; their client closes with the application. */
  @Bean
  @ConditionalOnProperty(name = "rollwright.kubernetes.enabled", havingValue = "true")
  Kubernetes kubernetes(RollwrightProperties props, ActivityClock clock) {
    RollwrightProperties.KubernetesProperties k = props.kubernetes();
    return new Kubernetes(new KubernetesClientBuilder().build(), clock, k.progressDeadline(), k.poll());
  }

  @Bean
  ReleaseActivities releaseActivities(RollwrightProperties props, ActivityClock clock, Sandbox sandbox,
      ObjectProvider<Kubernetes> kubernetesIfEnabled, MeterRegistry meters) {
    Optional<Kubernetes> kubernetes = Optional.ofNullable(kubernetesIfEnabled.getIfAvailable());
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
        merged(sandbox.routers(), kubernetes.map(Kubernetes::routers)),
        merged(sandbox.workloads(), kubernetes.map(Kubernetes::workloads)),
        providers(sandbox, props.prometheus()),
        props::killSwitch,
        notifiers(props.slack(), meters),
        kubernetes.map(Kubernetes::preflightChecks).orElse(List.of())));
  }

  /** The log and Rollwright's own metrics always; Slack when a token is configured. */
  private static List<Notifier> notifiers(RollwrightProperties.SlackProperties slack, MeterRegistry meters) {
    List<Notifier> all = new ArrayList<>(List.of(new LogNotifier(), new MicrometerNotifier(meters)));
    if (slack.token() != null && !slack.token().isBlank()) {
      SlackConfig config = new SlackConfig();
      if (slack.apiUrl() != null) {
        config.setMethodsEndpointUrlPrefix(slack.apiUrl());
      }
      all.add(new SlackNotifier(Slack.getInstance(config).methods(slack.token()), slack.channel()));
    }
    return all;
  }

  /** The sandbox's metrics, and Prometheus's when a URL is configured. */
  private static Map<String, MetricProvider> providers(Sandbox sandbox, RollwrightProperties.PrometheusProperties p) {
    Map<String, MetricProvider> all = new HashMap<>(sandbox.providers());
    if (p.url() != null && !p.url().isBlank()) {
      PrometheusClient client = new PrometheusClient(URI.create(p.url()), p.authorization(), p.timeout(), null);
      all.put(PrometheusMetricProvider.NAME, new PrometheusMetricProvider(client, p.queries(), p.minWindow()));
    }
    return all;
  }

  private static <T> Map<String, T> merged(Map<String, T> always, Optional<Map<String, T>> optional) {
    Map<String, T> all = new HashMap<>(always);
    optional.ifPresent(all::putAll);
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

  @Bean
  AnalysisActivitiesImpl analysisActivities(ReleaseActivities activities) {
    return activities.analysis();
  }

  @Bean
  NotificationActivitiesImpl notificationActivities(ReleaseActivities activities) {
    return activities.notifications();
  }
}
