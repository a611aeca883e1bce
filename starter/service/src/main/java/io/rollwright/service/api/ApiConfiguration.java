package io.rollwright.service.api;

import io.rollwright.api.ControlCommand.Action;
import io.rollwright.api.TrainWorkflow;
import io.rollwright.ledger.JdbcReleaseLedger;
import io.rollwright.ledger.ReleaseLedger;
import io.rollwright.policy.Limits;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import jakarta.servlet.Filter;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * The REST API's doors: every path under {@code /releases}, {@code /trains}, {@code /metrics} and
 * {@code /kill-switches} refuses a body over {@link Limits#BODY_BYTES} (413), then needs a caller.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiProperties.class)
public class ApiConfiguration {
  private static final String[] API_PATHS = {
    "/releases", "/releases/*", "/trains", "/trains/*", "/metrics/*", "/kill-switches/*"
  };

  /**
   * The release ledger that history and DORA figures read ended releases from, when {@code
   * rollwright.ledger.url} names one (user and password: {@code rollwright.ledger.username} and
   * {@code .password}); without, they read Temporal visibility alone.
   */
  @Bean
  @ConditionalOnProperty("rollwright.ledger.url")
  ReleaseLedger releaseLedger(Environment settings) {
    return new JdbcReleaseLedger(
        settings.getProperty("rollwright.ledger.url"),
        settings.getProperty("rollwright.ledger.username"),
        settings.getProperty("rollwright.ledger.password"));
  }

  @Bean
  OpenAPI rollwrightApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Rollwright")
                .version("0.1.0")
                .description(
                    "Start, watch, control and report on releases. Every call acts as the caller its bearer token names."))
        .components(
            new Components()
                .addSecuritySchemes(
                    "bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
        .addSecurityItem(new SecurityRequirement().addList("bearer"));
  }

  /**
   * The {@code control} of {@code POST /releases/{id}/{control}} is one of the controls' names; of
   * {@code POST /trains/{id}/{control}}, one of those a train takes.
   */
  @Bean
  OpenApiCustomizer controlNames() {
    List<String> names = Action.offered().stream().map(Action::command).toList();
    List<String> trains = TrainWorkflow.CONTROLS.stream().map(Action::command).toList();
    return api ->
        api.getPaths()
            .forEach(
                (path, item) -> {
                  if (path.endsWith("/{control}") && item.getPost() != null) {
                    List<String> allowed = path.startsWith("/trains/") ? trains : names;
                    item.getPost().getParameters().stream()
                        .filter(parameter -> "control".equals(parameter.getName()))
                        .forEach(
                            parameter ->
                                parameter
                                    .schema(new StringSchema()._enum(allowed))
                                    .description("the control"));
                  }
                });
  }

  @Bean
  FilterRegistrationBean<BodyLimit> apiBodyLimit() {
    return bodyLimit(Limits.BODY_BYTES, API_PATHS);
  }

  @Bean
  FilterRegistrationBean<ApiCaller> apiCallers(ApiProperties settings) {
    return callers(new ApiCaller(settings), API_PATHS);
  }

  /** A door's first filter: a body over {@code maxBytes} on {@code paths} is refused (413). */
  public static FilterRegistrationBean<BodyLimit> bodyLimit(int maxBytes, String... paths) {
    return filter(new BodyLimit(maxBytes), 10, paths);
  }

  /** A door's second filter: every call to {@code paths} needs a caller {@code callers} knows. */
  public static FilterRegistrationBean<ApiCaller> callers(ApiCaller callers, String... paths) {
    return filter(callers, 20, paths);
  }

  private static <F extends Filter> FilterRegistrationBean<F> filter(
      F filter, int order, String... paths) {
    FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
    registration.addUrlPatterns(paths);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + order);
    return registration;
  }
}
