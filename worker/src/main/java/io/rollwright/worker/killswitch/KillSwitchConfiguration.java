package io.rollwright.worker.killswitch;

import io.rollwright.activities.policy.PolicyActivitiesImpl;
import io.temporal.client.WorkflowClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The kill switches' activities, on the Temporal service the worker serves. */
@Configuration(proxyBeanMethods = false)
public class KillSwitchConfiguration {
  @Bean
  TemporalKillSwitchActivities killSwitchActivities(
      WorkflowClient client, PolicyActivitiesImpl policyActivities) {
    return new TemporalKillSwitchActivities(client, policyActivities);
  }
}
