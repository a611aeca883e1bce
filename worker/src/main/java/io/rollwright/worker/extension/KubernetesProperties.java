package io.rollwright.worker.extension;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Kubernetes routers under {@code rollwright.kubernetes.*}: the worker's own cluster comes from
 * the usual client configuration (in-cluster service account, or {@code KUBECONFIG}); each target
 * sends one environment's releases to another cluster, or another namespace.
 *
 * @param enabled registers the {@code replica-ratio}, {@code gateway-api} and {@code nginx-ingress}
 *     routers and the {@code kubernetes-target}, {@code kubernetes-access} and {@code
 *     kubernetes-job} pre-flight checks
 * @param progressDeadline how long a Deployment may take to roll out before the release fails
 * @param poll how often rollout progress is read
 * @param targets by environment name: the cluster and namespace its releases go to; an environment
 *     named by no target goes to the worker's own cluster, in the namespace of its own name
 * @param cohorts how the {@code gateway-api} and {@code nginx-ingress} routes tell a cohort's
 *     requests
 */
@ConfigurationProperties("rollwright.kubernetes")
public record KubernetesProperties(
    boolean enabled,
    Duration progressDeadline,
    Duration poll,
    Map<String, Target> targets,
    Cohorts cohorts) {
  public KubernetesProperties {
    cohorts = cohorts == null ? new Cohorts(null, null) : cohorts;
    progressDeadline = progressDeadline == null ? Duration.ofMinutes(10) : progressDeadline;
    poll = poll == null ? Duration.ofSeconds(2) : poll;
    targets = targets == null ? Map.of() : new TreeMap<>(targets);
  }

  /**
   * Where one environment's releases go: the cluster of {@code context} in {@code kubeconfig}
   * (either may be left out: the current context, the usual kubeconfig; both out: the worker's own
   * cluster), in {@code namespace} (left out: the environment's name).
   */
  public record Target(Path kubeconfig, String context, String namespace) {}

  /**
   * Where a request's cohort is read: {@code match} is {@code header} (the default) or {@code
   * cookie}; {@code name} is the header (default {@code x-cohort}) or the cookie (default {@code
   * rollwright_cohort}).
   */
  public record Cohorts(String match, String name) {}
}
