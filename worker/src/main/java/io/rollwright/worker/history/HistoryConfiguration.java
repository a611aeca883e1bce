package io.rollwright.worker.history;

import io.temporal.client.WorkflowClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Release history for rollbacks, read from the Temporal service the worker serves. */
@Configuration(proxyBeanMethods = false)
public class HistoryConfiguration {
  @Bean
  TemporalHistoryActivities historyActivities(WorkflowClient client) {
    return new TemporalHistoryActivities(client);
  }
}
