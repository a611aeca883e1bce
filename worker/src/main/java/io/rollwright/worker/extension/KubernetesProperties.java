package io.rollwright.worker.extension;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Kubernetes routers under {@code rollwright.kubernetes.*}: the cluster comes from the usual
 * client configuration (in-cluster service account, or {@code KUBECONFIG}).
 *
 * @param enabled registers the {@code replica-ratio}, {@code gateway-api} and {@code nginx-ingress}
 *     routers and the {@code kubernetes-target} and {@code kubernetes-access} pre-flight checks
 * @param progressDeadline how long a Deployment may take to roll out before the release fails
 * @param poll how often rollout progress is read
 */
@ConfigurationProperties("rollwright.kubernetes")
public record KubernetesProperties(boolean enabled, Duration progressDeadline, Duration poll) {
  public KubernetesProperties {
    progressDeadline = progressDeadline == null ? Duration.ofMinutes(10) : progressDeadline;
    poll = poll == null ? Duration.ofSeconds(2) : poll;
  }
}
