package io.rollwright.worker;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The worker's settings under {@code rollwright.*}.
 *
 * @param policiesDir directory of operators' policy files ({@code <service>.yaml} or shared),
 *     optional
 * @param policiesClasspath resource prefix of policy files shipped in the application, optional
 * @param defaultPolicy the preset used for a service that has no policy file of its own
 * @param defaultRouter the traffic router for policies that name none: required, one the worker has
 * @param defaultMetrics the metric provider for policies that name none: required, one the worker
 *     has
 * @param killSwitch when true, the {@code kill-switch} pre-flight check blocks every new release
 * @param kubernetes settings of the Kubernetes routers
 * @param prometheus settings of the Prometheus metric provider
 * @param slack settings of the Slack notifier
 * @param analysis how the worker runs soaks
 */
@ConfigurationProperties("rollwright")
public record RollwrightProperties(
    String policiesDir,
    String policiesClasspath,
    String defaultPolicy,
    String defaultRouter,
    String defaultMetrics,
    boolean killSwitch,
    KubernetesProperties kubernetes,
    PrometheusProperties prometheus,
    SlackProperties slack,
    AnalysisProperties analysis) {

  /**
   * How soaks run: on a shared scheduler that holds no thread while they wait, or each on a thread
   * of its own.
   */
  public enum SoakMode {
    SCHEDULED,
    THREADS
  }

  /**
   * How the worker runs soaks and watches of held canaries, under {@code rollwright.analysis.*}.
   *
   * @param soaks {@code scheduled} (the default: a soak holds no thread or activity slot while it
   *     waits) or {@code threads} (each soak holds a thread and a slot, up to the analysis queue's
   *     {@code max-concurrent-activity-executors}; kept to compare the two)
   * @param threads the scheduled soaks' threads, which take every sample and heartbeat
   */
  public record AnalysisProperties(SoakMode soaks, Integer threads) {
    public AnalysisProperties {
      soaks = soaks == null ? SoakMode.SCHEDULED : soaks;
      threads = threads == null ? 4 : threads;
      if (threads < 1 || threads > 256) {
        throw new IllegalArgumentException(
            "rollwright.analysis.threads is " + threads + "; it must be from 1 to 256");
      }
    }
  }

  /**
   * The Slack notifier under {@code rollwright.slack.*}, used when a bot token is set.
   *
   * @param token the bot token ({@code xoxb-…}), from a Secret
   * @param channel the channel releases are told in
   * @param apiUrl Slack's Web API base, for a proxy or a test server (default Slack's own)
   */
  public record SlackProperties(String token, String channel, String apiUrl) {}

  /**
   * The Prometheus metric provider under {@code rollwright.prometheus.*}, registered as {@code
   * prometheus} when {@code url} is set.
   *
   * @param url Prometheus's base URL
   * @param authorization the {@code Authorization} header to send ({@code Bearer …} or {@code Basic
   *     …}), optional
   * @param timeout per query
   * @param minWindow the shortest {@code {{window}}} a query's range uses, whatever the analysis
   *     interval
   * @param queries PromQL templates by metric name, replacing the defaults
   */
  public record PrometheusProperties(
      String url,
      String authorization,
      Duration timeout,
      Duration minWindow,
      java.util.Map<String, String> queries) {
    public PrometheusProperties {
      timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
      minWindow = minWindow == null ? Duration.ofMinutes(1) : minWindow;
      queries = queries == null ? java.util.Map.of() : java.util.Map.copyOf(queries);
    }
  }

  /**
   * The Kubernetes routers under {@code rollwright.kubernetes.*}: the cluster comes from the usual
   * client configuration (in-cluster service account, or {@code KUBECONFIG}).
   *
   * @param enabled registers the {@code replica-ratio}, {@code gateway-api} and {@code
   *     nginx-ingress} routers and the {@code kubernetes-target} and {@code kubernetes-access}
   *     pre-flight checks
   * @param progressDeadline how long a Deployment may take to roll out before the release fails
   * @param poll how often rollout progress is read
   */
  public record KubernetesProperties(boolean enabled, Duration progressDeadline, Duration poll) {
    public KubernetesProperties {
      progressDeadline = progressDeadline == null ? Duration.ofMinutes(10) : progressDeadline;
      poll = poll == null ? Duration.ofSeconds(2) : poll;
    }
  }

  public RollwrightProperties {
    defaultPolicy = defaultPolicy == null ? "standard" : defaultPolicy;
    kubernetes = kubernetes == null ? new KubernetesProperties(false, null, null) : kubernetes;
    prometheus =
        prometheus == null ? new PrometheusProperties(null, null, null, null, null) : prometheus;
    slack = slack == null ? new SlackProperties(null, null, null) : slack;
    analysis = analysis == null ? new AnalysisProperties(null, null) : analysis;
  }
}
