package io.rollwright.worker.guard;

import io.temporal.client.WorkflowClient;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The termination guard: its activities on every worker, its sweep wherever a real Temporal service
 * runs.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GuardProperties.class)
public class GuardConfiguration {
  @Bean
  TemporalGuardActivities guardActivities(WorkflowClient client) {
    return new TemporalGuardActivities(client);
  }

  /** Not on an embedded test server (the demo's): it has no visibility store to sweep. */
  @Bean
  @ConditionalOnProperty(
      name = "rollwright.guard.enabled",
      havingValue = "true",
      matchIfMissing = true)
  @ConditionalOnProperty(
      name = "spring.temporal.test-server.enabled",
      havingValue = "false",
      matchIfMissing = true)
  TerminationGuard terminationGuard(WorkflowClient client, GuardProperties settings) {
    return new TerminationGuard(client, settings);
  }
}
