package io.rollwright.worker;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The worker's settings under {@code rollwright.*}.
 *
 * @param policiesDir directory of operators' policy files ({@code <service>.yaml} or shared), optional
 * @param policiesClasspath resource prefix of policy files shipped in the application, optional
 * @param defaultPolicy the preset used for a service that has no policy file of its own
 * @param defaultRouter the traffic router for policies that name none
 * @param defaultMetrics the metric provider for policies that name none
 * @param killSwitch when true, the {@code kill-switch} pre-flight check blocks every new release
 * @param sandbox settings of the sandbox router and metrics
 * @param kubernetes settings of the Kubernetes routers
 */
@ConfigurationProperties("rollwright")
public record RollwrightProperties(
    String policiesDir,
    String policiesClasspath,
    String defaultPolicy,
    String defaultRouter,
    String defaultMetrics,
    boolean killSwitch,
    SandboxProperties sandbox,
    KubernetesProperties kubernetes) {

  /**
   * The Kubernetes routers under {@code rollwright.kubernetes.*}: the cluster comes from the usual
   * client configuration (in-cluster service account, or {@code KUBECONFIG}).
   *
   * @param enabled registers the {@code replica-ratio}, {@code gateway-api} and {@code nginx-ingress}
   *     routers and the {@code kubernetes-target} and {@code kubernetes-access} pre-flight checks
   * @param progressDeadline how long a Deployment may take to roll out before the release fails
   * @param poll how often rollout progress is read
   */
  public record KubernetesProperties(boolean enabled, Duration progressDeadline, Duration poll) {
    public KubernetesProperties {
      progressDeadline = progressDeadline == null ? Duration.ofMinutes(10) : progressDeadline;
      poll = poll == null ? Duration.ofSeconds(2) : poll;
    }
  }

  /**
   * The sandbox under {@code rollwright.sandbox.*}.
   *
   * @param journal file the sandbox cluster appends its action log to and reloads it from, optional
   * @param actionDelay how long each sandbox traffic or workload action takes
   * @param metrics metric scripts, each {@code <service> <canary|stable> <metric> = <script>},
   *     e.g. {@code payments canary error-rate = 0.002, 20s: 0.18}
   */
  public record SandboxProperties(String journal, Duration actionDelay, List<String> metrics) {
    public SandboxProperties {
      actionDelay = actionDelay == null ? Duration.ZERO : actionDelay;
      metrics = metrics == null ? List.of() : List.copyOf(metrics);
    }
  }

  public RollwrightProperties {
    defaultPolicy = defaultPolicy == null ? "standard" : defaultPolicy;
    defaultRouter = defaultRouter == null ? "sandbox" : defaultRouter;
    defaultMetrics = defaultMetrics == null ? "sandbox" : defaultMetrics;
    sandbox = sandbox == null ? new SandboxProperties(null, null, null) : sandbox;
    kubernetes = kubernetes == null ? new KubernetesProperties(false, null, null) : kubernetes;
  }
}
