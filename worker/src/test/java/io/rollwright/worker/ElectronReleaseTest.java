package io.rollwright.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rollwright.activities.metrics.Track;
import io.rollwright.activities.traffic.electron.Electron;
import io.rollwright.activities.traffic.electron.ElectronApps;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.RollbackReason;
import io.rollwright.policy.Strategy;
import io.rollwright.standins.GitHubStandIn;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Whole releases of a desktop app through the {@code electron} router: the real workflow and the
 * real GitHub client against the GitHub stand-in, electron-updater's files staged stage by stage.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ElectronReleaseTest {
  private static final String REPO = "example/desktop";

  @RegisterExtension static final TestWorkflowExtension temporal = ReleaseHarness.extension();

  private GitHubStandIn github;
  private ReleaseHarness h;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, Worker worker) throws Exception {
    github = new GitHubStandIn("ghs_rollwright");
    github.repository(REPO);
    github.release(REPO, "2.3.0", false, "latest.yml", "latest-mac.yml");
    github.release(REPO, "2.4.0", true, "latest.yml", "latest-mac.yml");
    github.release(REPO, "2.5.0", true, "latest.yml");
    ElectronApps apps = new ElectronApps(Map.of("desktop", REPO, "hidden", "example/hidden"), "v");
    h =
        new ReleaseHarness(
            env,
            worker,
            clock -> {
              try {
                return Electron.of(github.url(), "ghs_rollwright", Duration.ofSeconds(10), apps);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }

  @AfterEach
  void tearDown() {
    github.close();
  }

  private static ReleaseRequest request(String service, String version) {
    return new ReleaseRequest(
        service,
        version,
        "github:" + REPO,
        "prod",
        Strategy.CANARY,
        "desktop",
        null,
        "alice",
        null,
        null);
  }

  private List<String> stagings() {
    return github.changes().stream().filter(c -> c.startsWith("upload v2.4.0 latest.yml")).toList();
  }

  @Test
  void promotionStagesTheUpdateFilesThenPublishesTheReleaseAsLatest() {
    ReleaseResult result = h.run(request("desktop", "2.4.0"));

    assertEquals(ReleaseOutcome.PROMOTED, result.outcome(), result.detail());
    assertEquals("v2.4.0", github.latest(REPO));
    assertEquals("published", github.state(REPO, "v2.4.0"));
    assertThat(github.file(REPO, "v2.4.0", "latest.yml"))
        .contains("version: 2.4.0")
        .doesNotContain("stagingPercentage");
    assertEquals(4, stagings().size(), "10%, 25%, 50%, then 100% for the bake");
    assertThat(github.changes())
        .first()
        .asString()
        .startsWith("PATCH v2.4.0")
        .contains("\"prerelease\":true");
  }

  @Test
  void aBreachAt25WithdrawsTheReleaseAndPutsThePreviousOneBack() {
    h.sandbox.metrics().script("desktop", Track.CANARY, "error-rate", "0.002, 45m: 0.09");

    ReleaseResult result = h.run(request("desktop", "2.4.0"));

    assertEquals(ReleaseOutcome.ROLLED_BACK, result.outcome(), result.detail());
    assertEquals(RollbackReason.ANALYSIS, result.rollbackReason());
    assertEquals("draft", github.state(REPO, "v2.4.0"), "withdrawn");
    assertEquals("v2.3.0", github.latest(REPO), "the previous version is latest again");
    assertThat(github.file(REPO, "v2.4.0", "latest-mac.yml")).contains("stagingPercentage: 25");
  }

  @Test
  void preflightRefusesWhatCouldNotBeStaged() {
    h.assertPreflightRefuses(request("desktop", "2.6.0"), "electron", "no release tagged v2.6.0");
    h.assertPreflightRefuses(
        request("hidden", "2.4.0"), "electron", "GitHub answered 404 (no such repository");
    h.assertPreflightRefuses(
        request("games", "2.4.0"), "electron", "no repository for service games");
    assertEquals("v2.3.0", github.latest(REPO));
    assertEquals(List.of(), github.changes(), "nothing changed");
  }
}
