package io.rollwright.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rollwright.activities.metrics.Track;
import io.rollwright.activities.traffic.play.PlayApps;
import io.rollwright.activities.traffic.play.PlayConsole;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.ReleaseWorkflow;
import io.rollwright.api.RollbackReason;
import io.rollwright.policy.Strategy;
import io.rollwright.standins.PlayConsoleStandIn;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole releases of a mobile app through the {@code play-console} router: the real workflow and the
 * real Play Developer API client, signed in as a service account, against the Play stand-in.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PlayConsoleReleaseTest {
  private static final String APP = "com.example.mobile";

  @RegisterExtension static final TestWorkflowExtension temporal = ReleaseHarness.extension();

  @TempDir Path dir;

  private PlayConsoleStandIn play;
  private ReleaseHarness h;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, Worker worker) throws Exception {
    play = new PlayConsoleStandIn();
    play.app(APP, true, 41L, 40, 41, 42);
    play.app("com.example.locked", false, null, 42);
    PlayApps apps =
        new PlayApps(
            Map.of("mobile", APP, "locked", "com.example.locked", "busy", "com.example.busy"),
            List.of("internal", "alpha"),
            "production");
    Path key = play.credentials(dir);
    h =
        new ReleaseHarness(
            env,
            worker,
            clock -> {
              try {
                return PlayConsole.of(
                    PlayConsole.client(key, play.rootUrl(), Duration.ofSeconds(10)), apps);
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
  }

  @AfterEach
  void tearDown() {
    play.close();
  }

  private static ReleaseRequest request(String service, String versionCode) {
    return new ReleaseRequest(
        service,
        "2.4.0",
        versionCode,
        "prod",
        Strategy.CANARY,
        "mobile",
        null,
        "alice",
        null,
        null);
  }

  @Test
  void promotionStagesTheProductionTrackThenCompletesIt() {
    ReleaseResult result = h.run(request("mobile", "42"));

    assertEquals(ReleaseOutcome.PROMOTED, result.outcome(), result.detail());
    assertEquals(List.of("completed [42]"), play.track(APP, "internal"));
    assertEquals(List.of("completed [42]"), play.track(APP, "alpha"));
    assertEquals(List.of("completed [42]"), play.track(APP, "production"));
    assertEquals(
        List.of(
            "completed [41]",
            "completed [41], inProgress [42] 0.1",
            "completed [41], inProgress [42] 0.25",
            "completed [41], inProgress [42] 0.5",
            "completed [42]"),
        play.commits(APP),
        "one commit per step: the testing tracks, each stage, then 100% for the bake");
    assertThat(play.calls())
        .filteredOn(c -> c.method().equals("edits.insert"))
        .hasSizeGreaterThan(play.commits(APP).size());
    assertThat(play.calls())
        .filteredOn(c -> c.method().equals("edits.delete"))
        .as("edits that changed nothing are deleted, not committed")
        .isNotEmpty();
  }

  @Test
  void breachAt25HaltsTheStagedRolloutAndLeavesUsersOnTheLiveVersion() {
    h.sandbox.metrics().script("mobile", Track.CANARY, "error-rate", "0.002, 45m: 0.09");

    ReleaseWorkflow release = h.start(request("mobile", "42"));
    ReleaseResult result = h.result(release);

    assertEquals(ReleaseOutcome.ROLLED_BACK, result.outcome(), result.detail());
    assertEquals(RollbackReason.ANALYSIS, result.rollbackReason());
    assertEquals("production-25", release.status().stage());
    assertEquals(
        List.of("completed [41]", "halted [42] 0.25"),
        play.track(APP, "production"),
        "nobody new gets 42; everyone else stays on 41");
  }

  @Test
  void breachDuringTheBakeHaltsTheCompletedRelease() {
    h.sandbox.metrics().script("mobile", Track.CANARY, "error-rate", "0.002, 100m: 0.09");

    ReleaseResult result = h.run(request("mobile", "42"));

    assertEquals(ReleaseOutcome.ROLLED_BACK, result.outcome(), result.detail());
    assertEquals(
        List.of("completed [41], inProgress [42] 0.5", "completed [42]", "halted [42]"),
        play.commits(APP).subList(3, 6));
  }

  @Test
  void releasingAHaltedVersionAgainResumesItsStagedRollout() {
    h.sandbox.metrics().script("mobile", Track.CANARY, "error-rate", "0.002, 45m: 0.09");
    assertEquals(ReleaseOutcome.ROLLED_BACK, h.run(request("mobile", "42")).outcome());
    h.sandbox.metrics().script("mobile", Track.CANARY, "error-rate", "0.002");

    ReleaseResult again = h.run(request("mobile", "42"));

    assertEquals(ReleaseOutcome.PROMOTED, again.outcome(), again.detail());
    List<String> commits = play.commits(APP);
    int halted = commits.indexOf("completed [41], halted [42] 0.25");
    assertThat(halted).isPositive();
    assertEquals("completed [41], inProgress [42] 0.1", commits.get(halted + 1), "resumed");
    assertEquals(List.of("completed [42]"), play.track(APP, "production"));
  }

  @Test
  void preflightRefusesWhatPlayCouldNotRelease() {
    assertPreflightRefuses("mobile", "43", "no bundle with version code 43 is uploaded to " + APP);
    assertPreflightRefuses(
        "mobile", "40", "version code 40 is below 41, live on production of " + APP);
    assertPreflightRefuses("mobile", "2.4.0", "'2.4.0' is not a version code");
    assertPreflightRefuses("locked", "42", "403: The caller does not have permission");
    assertPreflightRefuses("games", "42", "no app for service games");
    play.app("com.example.busy", true, 41L, 41, 42, 43);
    play.inProgress("com.example.busy", 42, 0.2);
    h.assertPreflightRefuses(
        new ReleaseRequest(
            "busy", "2.5.0", "43", "prod", Strategy.CANARY, "mobile", null, "alice", null, null),
        "play-console",
        "version code 42 is being rolled out on production of com.example.busy: halt or complete"
            + " it first");
    assertEquals(List.of("completed [41]"), play.track(APP, "production"), "nothing released");
    assertEquals(
        List.of("completed [41]", "inProgress [42] 0.2"),
        play.track("com.example.busy", "production"),
        "the other rollout untouched");
    assertThat(play.calls()).noneMatch(c -> c.method().equals("edits.commit"));
  }

  private void assertPreflightRefuses(String service, String versionCode, String why) {
    h.assertPreflightRefuses(request(service, versionCode), "play-console", why);
  }
}
