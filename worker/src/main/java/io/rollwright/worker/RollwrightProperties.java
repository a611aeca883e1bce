package io.rollwright.worker;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The worker's settings under {@code rollwright.*}. The Kubernetes routers, the Prometheus metric
 * provider and the Slack notifier each have settings and a configuration of their own, in {@code
 * io.rollwright.worker.extension}.
 *
 * @param policiesDir directory of operators' policy files ({@code <service>.yaml} or shared),
 *     optional
 * @param policiesClasspath resource prefix of policy files shipped in the application, optional
 * @param defaultPolicy the preset used for a service that has no policy file of its own
 * @param defaultRouter the traffic router for policies that name none: required, one the worker has
 * @param defaultMetrics the metric provider for policies that name none: required, one the worker
 *     has
 * @param killSwitch when true, the {@code kill-switch} pre-flight check blocks every new release
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

  public RollwrightProperties {
    defaultPolicy = defaultPolicy == null ? "standard" : defaultPolicy;
    analysis = analysis == null ? new AnalysisProperties(null, null) : analysis;
  }
}
