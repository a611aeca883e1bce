package io.rollwright.worker.extension;

import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.rollwright.activities.base.ActivityClock;
import io.rollwright.activities.traffic.kubernetes.Kubernetes;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Kubernetes routers and their checks, when {@code rollwright.kubernetes.enabled} is true. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "rollwright.kubernetes.enabled", havingValue = "true")
@EnableConfigurationProperties(KubernetesProperties.class)
public class KubernetesConfiguration {
  /** Their client closes with the application. */
  @Bean
  Kubernetes kubernetes(KubernetesProperties settings, ActivityClock clock) {
    return new Kubernetes(
        new KubernetesClientBuilder().build(), clock, settings.progressDeadline(), settings.poll());
  }
}
