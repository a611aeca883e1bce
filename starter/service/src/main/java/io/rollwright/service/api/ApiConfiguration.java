package io.rollwright.service.api;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The REST API's callers: every path under {@code /releases} and {@code /metrics} needs one. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiProperties.class)
public class ApiConfiguration {
  @Bean
  FilterRegistrationBean<ApiCaller> apiCallers(ApiProperties settings) {
    FilterRegistrationBean<ApiCaller> filter = new FilterRegistrationBean<>(new ApiCaller(settings));
    filter.addUrlPatterns("/releases", "/releases/*", "/metrics/*");
    return filter;
  }
}
