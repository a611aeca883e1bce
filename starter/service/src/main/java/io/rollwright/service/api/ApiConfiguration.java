package io.rollwright.service.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The REST API's callers: every path under {@code /releases} and {@code /metrics} needs one. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiProperties.class)
public class ApiConfiguration {
  @Bean
  OpenAPI rollwrightApi() {
    return new OpenAPI()
        .info(new Info().title("Rollwright").version("0.1.0")
            .description("Start, watch, control and report on releases. Every call acts as the caller its bearer token names."))
        .components(new Components().addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
        .addSecurityItem(new SecurityRequirement().addList("bearer"));
  }

  @Bean
  FilterRegistrationBean<ApiCaller> apiCallers(ApiProperties settings) {
    FilterRegistrationBean<ApiCaller> filter = new FilterRegistrationBean<>(new ApiCaller(settings));
    filter.addUrlPatterns("/releases", "/releases/*", "/metrics/*");
    return filter;
  }
}
