package io.rollwright.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollwright.activities.notify.Notifier;
import io.rollwright.activities.notify.slack.SlackNotifier;
import io.rollwright.activities.traffic.kubernetes.Kubernetes;
import io.rollwright.worker.extension.KubernetesProperties;
import io.rollwright.worker.extension.PrometheusProperties;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each technology is off until its own setting turns it on, and then binds settings of its own: the
 * Kubernetes routers, the Prometheus metric provider, the Slack notifier.
 */
class ProviderSettingsTest {
  private static final Map<String, String> REAL =
      Map.of(
          "ROLLWRIGHT_KUBERNETES_ENABLED", "true",
          "ROLLWRIGHT_DEFAULTROUTER", "replica-ratio",
          "ROLLWRIGHT_PROMETHEUS_URL", "http://prometheus:9090",
          "ROLLWRIGHT_DEFAULTMETRICS", "prometheus");

  private static Map<String, String> with(Map<String, String> more) {
    Map<String, String> env = new HashMap<>(REAL);
    env.putAll(more);
    return env;
  }

  @Test
  void eachTechnologyBindsItsOwnSettings() {
    WorkerContext.withEnvironment(
            with(
                Map.of(
                    "ROLLWRIGHT_KUBERNETES_POLL", "5s",
                    "ROLLWRIGHT_PROMETHEUS_TIMEOUT", "3s")))
        .run(
            context -> {
              assertThat(context).hasNotFailed().hasSingleBean(Kubernetes.class);
              assertThat(context.getBean(KubernetesProperties.class).poll())
                  .isEqualTo(Duration.ofSeconds(5));
              assertThat(context.getBean(KubernetesProperties.class).progressDeadline())
                  .isEqualTo(Duration.ofMinutes(10));
              assertThat(context.getBean(PrometheusProperties.class).timeout())
                  .isEqualTo(Duration.ofSeconds(3));
              assertThat(context.getBean(RegisteredExtensions.class).providers())
                  .containsOnlyKeys("prometheus");
            });
  }

  @Test
  void slackTellsReleasesOnlyWhenATokenIsSet() {
    WorkerContext.withEnvironment(REAL)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBeansOfType(Notifier.class)).isEmpty();
            });
    WorkerContext.withEnvironment(
            with(
                Map.of(
                    "ROLLWRIGHT_SLACK_TOKEN", "xoxb-1", "ROLLWRIGHT_SLACK_CHANNEL", "#releases")))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBeansOfType(Notifier.class).values())
                  .singleElement()
                  .isInstanceOf(SlackNotifier.class);
            });
  }

  @Test
  void aBlankPrometheusUrlRegistersNothing() {
    WorkerContext.assertFailsSaying(
        Map.of(
            "ROLLWRIGHT_KUBERNETES_ENABLED", "true",
            "ROLLWRIGHT_DEFAULTROUTER", "replica-ratio",
            "ROLLWRIGHT_PROMETHEUS_URL", "  ",
            "ROLLWRIGHT_DEFAULTMETRICS", "prometheus"),
        "rollwright.default-metrics (ROLLWRIGHT_DEFAULTMETRICS) is 'prometheus',"
            + " which is not a registered metric provider");
  }
}
