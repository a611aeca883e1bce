package io.rollwright.service.alerts;

import io.rollwright.service.api.ApiCaller;
import io.rollwright.service.api.ApiProperties;
import io.rollwright.service.api.BodyLimit;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The alert receiver's door, on when {@code rollwright.alerts.token} is set: a body over {@link
 * AlertmanagerPayload#MAX_BYTES} is refused (413), then the caller must send that token as a bearer
 * token.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("rollwright.alerts.token")
@EnableConfigurationProperties(AlertsProperties.class)
public class AlertsConfiguration {
  private static final String PATHS = "/alerts/*";

  @Bean
  FilterRegistrationBean<BodyLimit> alertsBodyLimit() {
    FilterRegistrationBean<BodyLimit> filter =
        new FilterRegistrationBean<>(new BodyLimit(AlertmanagerPayload.MAX_BYTES));
    filter.addUrlPatterns(PATHS);
    filter.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return filter;
  }

  @Bean
  FilterRegistrationBean<ApiCaller> alertSenders(AlertsProperties settings) {
    FilterRegistrationBean<ApiCaller> filter =
        new FilterRegistrationBean<>(
            new ApiCaller(
                new ApiProperties(Map.of(settings.actor(), settings.token()), null, null),
                "rollwright.alerts.token"));
    filter.addUrlPatterns(PATHS);
    filter.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return filter;
  }
}
