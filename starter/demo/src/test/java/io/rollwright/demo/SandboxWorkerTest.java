package io.rollwright.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollwright.activities.metrics.MetricQuery;
import io.rollwright.activities.metrics.Track;
import io.rollwright.activities.sandbox.Sandbox;
import io.rollwright.policy.ReleasePolicy;
import io.rollwright.worker.DefaultProvidersTest;
import io.rollwright.worker.WorkerContext;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The demo's jar wires the sandbox into the worker and makes it both defaults; bad sandbox settings
 * are refused by name.
 */
class SandboxWorkerTest {

  @Test
  void theSandboxProfileOffersTheSandboxAndMakesItTheDefault() {
    WorkerContext.withEnvironment(
            Map.of("SPRING_PROFILES_ACTIVE", "sandbox"), SandboxConfiguration.class)
        .run(
            context -> {
              assertThat(context).hasNotFailed().hasSingleBean(Sandbox.class);
              ReleasePolicy policy = DefaultProvidersTest.defaultPolicyOf(context);
              assertThat(policy.router()).isEqualTo(Sandbox.NAME);
              assertThat(policy.analysis().provider()).isEqualTo(Sandbox.NAME);
            });
  }

  @Test
  void metricScriptsFromTheSettingsReachTheSandbox() {
    WorkerContext.withEnvironment(
            Map.of(
                "SPRING_PROFILES_ACTIVE",
                "sandbox",
                "ROLLWRIGHT_SANDBOX_METRICS_0_",
                "payments canary error-rate = 0.3"),
            SandboxConfiguration.class)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              MetricQuery canaryErrors =
                  new MetricQuery(
                      "payments", "prod", "error-rate", Track.CANARY, Duration.ofMinutes(1), 0, 0);
              assertThat(context.getBean(Sandbox.class).metrics().measure(canaryErrors).value())
                  .isEqualTo(0.3);
            });
  }

  @Test
  void aMalformedMetricScriptIsRefusedByName() {
    WorkerContext.withEnvironment(
            Map.of(
                "SPRING_PROFILES_ACTIVE",
                "sandbox",
                "ROLLWRIGHT_SANDBOX_METRICS_0_",
                "payments error-rate 0.3"),
            SandboxConfiguration.class)
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure())
                  .rootCause()
                  .hasMessageContaining(
                      "rollwright.sandbox.metrics: 'payments error-rate 0.3' is not '<service> <canary|stable> <metric> = <script>'");
            });
  }
}
