package io.rollwright.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rollwright.activities.metrics.Track;
import io.rollwright.activities.traffic.unleash.Unleash;
import io.rollwright.activities.traffic.unleash.UnleashFlags;
import io.rollwright.api.ProgressEvent;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.ReleaseWorkflow;
import io.rollwright.api.RollbackReason;
import io.rollwright.policy.Strategy;
import io.rollwright.system.UnleashServer;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Whole releases of a feature flag through the {@code unleash} router, the real workflow on the
 * time-skipping test server, against a real Unleash server on a real PostgreSQL: the flag's own
 * audit log must tell the same story as Rollwright's.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class UnleashReleaseIT {
  private static UnleashServer unleash;

  @RegisterExtension static final TestWorkflowExtension temporal = ReleaseHarness.extension();

  @BeforeAll
  static void startUnleash() throws Exception {
    Path dir =
        Files.createDirectories(Path.of("target", "unleash"))
            .resolve(String.valueOf(System.nanoTime()));
    unleash = UnleashServer.start(dir);
  }

  @AfterAll
  static void stopUnleash() throws Exception {
    if (unleash != null) {
      unleash.close();
    }
  }

  private static ReleaseHarness harness(
      TestWorkflowEnvironment env, Worker worker, String token, boolean disableOnRollback) {
    UnleashFlags flags =
        new UnleashFlags(
            "default",
            Map.of("checkout-web", "new-checkout"),
            Map.of("prod", "production"),
            "userId",
            disableOnRollback);
    return new ReleaseHarness(
        env,
        worker,
        clock -> Unleash.of(URI.create(unleash.url()), token, Duration.ofSeconds(10), flags));
  }

  private static ReleaseRequest request(String service) {
    return request(service, "flag");
  }

  private static ReleaseRequest request(String service, String policy) {
    return new ReleaseRequest(
        service,
        "2.4.0",
        "registry.example/web:2.4.0",
        "prod",
        Strategy.CANARY,
        policy,
        null,
        "alice",
        null,
        null);
  }

  /** The rollouts Unleash recorded for the flag in production, in order. */
  private static List<String> rollouts(String flag) throws Exception {
    List<String> out = new ArrayList<>();
    for (String e : unleash.events(flag)) {
      if (e.startsWith("feature-strategy-")) {
        out.add(e.split(" ", -1)[2]);
      }
    }
    return out;
  }

  @Test
  void promotionRollsTheFlagOutStageByStageAndBothAuditLogsAgree(
      TestWorkflowEnvironment env, Worker worker) throws Exception {
    unleash.createFlag("new-checkout");
    ReleaseHarness h = harness(env, worker, unleash.token(), false);

    ReleaseWorkflow release = h.start(request("checkout-web"));
    ReleaseResult result = h.result(release);

    assertEquals(ReleaseOutcome.PROMOTED, result.outcome(), result.detail());
    List<String> stageWeights =
        release.status().audit().stream()
            .filter(e -> e instanceof ProgressEvent.StageStarted)
            .map(e -> Integer.toString((int) ((ProgressEvent.StageStarted) e).weight()))
            .toList();
    assertEquals(List.of("10", "25", "50", "100"), stageWeights, "three stages and the bake");
    assertEquals(stageWeights, rollouts("new-checkout"), "Unleash's log has Rollwright's steps");
    List<String> events = unleash.events("new-checkout");
    assertThat(events)
        .contains("feature-strategy-add production 10 by admin")
        .contains("feature-environment-enabled production by admin")
        .doesNotContain("feature-environment-disabled production by admin");
  }

  @Test
  void aBreachAt25SetsTheRolloutBackToZero(TestWorkflowEnvironment env, Worker worker)
      throws Exception {
    unleash.createFlag("zero-checkout");
    ReleaseHarness h = harness(env, worker, unleash.token(), false);
    h.sandbox.metrics().script("zero-checkout", Track.CANARY, "error-rate", "0.002, 45m: 0.09");

    ReleaseResult result = h.run(request("zero-checkout"));

    assertEquals(ReleaseOutcome.ROLLED_BACK, result.outcome(), result.detail());
    assertEquals(RollbackReason.ANALYSIS, result.rollbackReason());
    assertEquals(List.of("10", "25", "0"), rollouts("zero-checkout"));
  }

  @Test
  void aBreachTurnsTheFlagOffWhereTheSettingsSaySo(TestWorkflowEnvironment env, Worker worker)
      throws Exception {
    unleash.createFlag("off-checkout");
    ReleaseHarness h = harness(env, worker, unleash.token(), true);
    h.sandbox.metrics().script("off-checkout", Track.CANARY, "error-rate", "0.09");

    ReleaseResult result = h.run(request("off-checkout"));

    assertEquals(ReleaseOutcome.ROLLED_BACK, result.outcome(), result.detail());
    List<String> events = unleash.events("off-checkout");
    assertEquals("feature-environment-disabled production by admin", events.get(events.size() - 1));
    assertEquals(List.of("10"), rollouts("off-checkout"), "the rollout is left where it was");
  }

  @Test
  void aPolicyMayTurnTheFlagOffWhereTheWorkerWouldSetZero(
      TestWorkflowEnvironment env, Worker worker) throws Exception {
    unleash.createFlag("policy-off-checkout");
    ReleaseHarness h = harness(env, worker, unleash.token(), false);
    h.sandbox.metrics().script("policy-off-checkout", Track.CANARY, "error-rate", "0.09");

    ReleaseResult result = h.run(request("policy-off-checkout", "flag-off"));

    assertEquals(ReleaseOutcome.ROLLED_BACK, result.outcome(), result.detail());
    List<String> events = unleash.events("policy-off-checkout");
    assertEquals("feature-environment-disabled production by admin", events.get(events.size() - 1));
    assertEquals(
        List.of("10"), rollouts("policy-off-checkout"), "the rollout is left where it was");
  }

  @Test
  void preflightRefusesAFlagUnleashDoesNotHave(TestWorkflowEnvironment env, Worker worker) {
    harness(env, worker, unleash.token(), false)
        .assertPreflightRefuses(
            request("ghost-flag"), "unleash", "reading flag ghost-flag: Unleash answered 404");
  }

  @Test
  void preflightRefusesATokenUnleashDoesNotAccept(TestWorkflowEnvironment env, Worker worker)
      throws Exception {
    unleash.createFlag("locked-checkout");
    harness(env, worker, "*:*.not-the-token", false)
        .assertPreflightRefuses(
            request("locked-checkout"),
            "unleash",
            "reading flag locked-checkout: Unleash answered 401");
  }
}
