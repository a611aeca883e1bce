package io.rollwright.worker.extension;

import io.rollwright.activities.notify.Notifier;
import io.rollwright.activities.notify.pagerduty.PagerDutyEventsClient;
import io.rollwright.activities.notify.pagerduty.PagerDutyNotifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** On-call paged through PagerDuty, when {@code rollwright.pagerduty.routing-key} is set. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${rollwright.pagerduty.routing-key:}'.trim() != ''")
@EnableConfigurationProperties(PagerDutyProperties.class)
public class PagerDutyConfiguration {
  @Bean
  Notifier pagerDutyNotifier(
      PagerDutyProperties settings,
      @Value("${spring.temporal.namespace:default}") String namespace) {
    return new PagerDutyNotifier(
        new PagerDutyEventsClient(settings.url(), settings.timeout()),
        settings.routingKey(),
        settings.ui(),
        namespace);
  }
}
