package io.rollwright.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollwright.activities.policy.PolicyActivitiesImpl;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.policy.ReleasePolicy;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * The worker has no default router or metric provider: it refuses to start unless both are set to
 * registered ones, saying which setting is at fault and what is registered. The sandbox is not part
 * of the worker at all: only the demo wires it.
 */
public class DefaultProvidersTest {

  @Test
  void withNoDefaultsTheWorkerDoesNotStart() {
    WorkerContext.withEnvironment(Map.of())
        .run(
            context -> {
              String message = failure(context).getMessage();
              assertThat(message)
                  .contains(
                      "rollwright.default-router (ROLLWRIGHT_DEFAULTROUTER) is not set: the worker has no default traffic router."
                          + " Registered traffic routers: none.")
                  .contains(
                      "rollwright.default-metrics (ROLLWRIGHT_DEFAULTMETRICS) is not set: the worker has no default metric provider."
                          + " Registered metric providers: none.");
            });
  }

  @Test
  void withNoDefaultRouterTheWorkerDoesNotStartEvenWithRoutersRegistered() {
    WorkerContext.withEnvironment(
            Map.of(
                "ROLLWRIGHT_KUBERNETES_ENABLED",
                "true",
                "ROLLWRIGHT_DEFAULTMETRICS",
                "prometheus",
                "ROLLWRIGHT_PROMETHEUS_URL",
                "http://prometheus:9090"))
        .run(
            context -> {
              String message = failure(context).getMessage();
              assertThat(message)
                  .contains(
                      "rollwright.default-router (ROLLWRIGHT_DEFAULTROUTER) is not set: the worker has no default traffic router."
                          + " Registered traffic routers: gateway-api, nginx-ingress, replica-ratio.")
                  .doesNotContain("rollwright.default-metrics (ROLLWRIGHT_DEFAULTMETRICS) is");
            });
  }

  @Test
  void theSandboxIsNoMetricProviderOfTheWorker() {
    WorkerContext.withEnvironment(
            Map.of(
                "ROLLWRIGHT_KUBERNETES_ENABLED",
                "true",
                "ROLLWRIGHT_DEFAULTROUTER",
                "replica-ratio",
                "ROLLWRIGHT_PROMETHEUS_URL",
                "http://prometheus:9090",
                "ROLLWRIGHT_DEFAULTMETRICS",
                "sandbox"))
        .run(
            context -> {
              assertThat(failure(context).getMessage())
                  .contains(
                      "rollwright.default-metrics (ROLLWRIGHT_DEFAULTMETRICS) is 'sandbox', which is not a registered metric provider."
                          + " Registered metric providers: prometheus.")
                  .doesNotContain("ROLLWRIGHT_DEFAULTROUTER) is");
            });
  }

  @Test
  void theRefusalIsReportedAsSpringBootsFailureAnalysis() {
    // Analyzers that need the application's bean factory cannot be made here and are left out.
    assertThat(
            SpringFactoriesLoader.forDefaultResourceLocation()
                .load(
                    FailureAnalyzer.class,
                    SpringFactoriesLoader.FailureHandler.handleMessage((message, failure) -> {})))
        .anyMatch(InvalidSettingsFailureAnalyzer.class::isInstance);
    WorkerContext.withEnvironment(Map.of("ROLLWRIGHT_DEFAULTROUTER", "replica-ratio"))
        .run(
            context -> {
              FailureAnalysis analysis =
                  new InvalidSettingsFailureAnalyzer().analyze(context.getStartupFailure());
              assertThat(analysis).isNotNull();
              assertThat(analysis.getDescription())
                  .isEqualTo(
                      """
          rollwright.default-router (ROLLWRIGHT_DEFAULTROUTER) is 'replica-ratio', which is not a registered traffic router. \
          Registered traffic routers: none.
          rollwright.default-metrics (ROLLWRIGHT_DEFAULTMETRICS) is not set: the worker has no default metric provider. \
          Registered metric providers: none.""");
              assertThat(analysis.getAction())
                  .contains("rollwright.kubernetes.enabled (ROLLWRIGHT_KUBERNETES_ENABLED)")
                  .contains("rollwright.prometheus.url (ROLLWRIGHT_PROMETHEUS_URL)")
                  .contains("'java -jar rollwright-demo.jar worker' is a worker on the sandbox");
            });
  }

  @Test
  void theWorkerHasNoSandboxEvenUnderTheSandboxProfile() {
    WorkerContext.withEnvironment(Map.of("SPRING_PROFILES_ACTIVE", "sandbox"))
        .run(
            context ->
                assertThat(failure(context).getMessage())
                    .contains("rollwright.default-router (ROLLWRIGHT_DEFAULTROUTER) is not set")
                    .contains("java -jar rollwright-demo.jar worker"));
  }

  /** The policy a release of a service with no policy file of its own runs under. */
  public static ReleasePolicy defaultPolicyOf(AssertableApplicationContext context) {
    ReleaseRequest request =
        new ReleaseRequest(
            "shop",
            "1.0.0",
            "registry.example/shop:1.0.0",
            "prod",
            null,
            null,
            null,
            "alice",
            null,
            null);
    return context.getBean(PolicyActivitiesImpl.class).resolveOrThrow(request).policy();
  }

  private static Throwable failure(AssertableApplicationContext context) {
    assertThat(context).hasFailed();
    Throwable cause = context.getStartupFailure();
    while (!(cause instanceof InvalidSettingsException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    assertThat(cause).isInstanceOf(InvalidSettingsException.class);
    return cause;
  }
}
