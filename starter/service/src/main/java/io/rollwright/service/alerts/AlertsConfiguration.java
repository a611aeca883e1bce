package io.rollwright.service.alerts;

import io.rollwright.service.api.ApiCaller;
import io.rollwright.service.api.ApiConfiguration;
import io.rollwright.service.api.ApiProperties;
import io.rollwright.service.api.BodyLimit;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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
    return ApiConfiguration.bodyLimit(AlertmanagerPayload.MAX_BYTES, PATHS);
  }

  @Bean
  FilterRegistrationBean<ApiCaller> alertSenders(AlertsProperties settings) {
    return ApiConfiguration.callers(
        new ApiCaller(
            new ApiProperties(Map.of(settings.actor(), settings.token()), null, null),
            "rollwright.alerts.token"),
        PATHS);
  }
}
