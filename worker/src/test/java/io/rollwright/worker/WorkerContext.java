package io.rollwright.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The worker's activities and extension sets as a context of their own (no Temporal worker), their
 * settings bound as the jar binds them: {@code application.yaml} and the profile files it
 * activates, and {@code env} in place of the process environment, so {@code
 * ROLLWRIGHT_DEFAULTROUTER} binds {@code rollwright.default-router} by the same relaxed rules.
 */
public final class WorkerContext {
  private WorkerContext() {}

  /**
   * The worker's context with {@code env} as its environment and {@code more} configuration
   * classes.
   */
  public static ApplicationContextRunner withEnvironment(
      Map<String, String> env, Class<?>... more) {
    String name = StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;
    return new ApplicationContextRunner()
        .withInitializer(
            context ->
                context
                    .getEnvironment()
                    .getPropertySources()
                    .replace(
                        name,
                        new SystemEnvironmentPropertySource(name, Map.<String, Object>copyOf(env))))
        .withInitializer(new ConfigDataApplicationContextInitializer())
        .withUserConfiguration(Settings.class, WorkerConfiguration.class)
        .withUserConfiguration(more)
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new);
  }

  /**
   * The worker's context with {@code env} fails to start, its root cause saying {@code message}.
   */
  public static void assertFailsSaying(Map<String, String> env, String message) {
    withEnvironment(env)
        .run(
            context ->
                assertThat(context)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining(message));
  }

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(RollwrightProperties.class)
  static class Settings {}
}
