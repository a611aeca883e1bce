package io.rollwright.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rollwright.activities.metrics.Track;
import io.rollwright.activities.traffic.firebase.FirebaseHosting;
import io.rollwright.activities.traffic.firebase.FirebaseSites;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.ReleaseWorkflow;
import io.rollwright.api.RollbackReason;
import io.rollwright.policy.Strategy;
import io.rollwright.standins.FirebaseHostingStandIn;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * Whole releases of a web app through the {@code firebase-hosting} router: the real workflow and
 * the router's client, signed in as a service account with Google's auth library, against the
 * Firebase Hosting stand-in.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FirebaseHostingReleaseTest {
  private static final String SITE = "example-web";

  @RegisterExtension static final TestWorkflowExtension temporal = ReleaseHarness.extension();

  @TempDir Path dir;

  private FirebaseHostingStandIn hosting;
  private ReleaseHarness h;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, Worker worker) throws Exception {
    hosting = new FirebaseHostingStandIn();
    hosting.site(SITE, true, "v1");
    hosting.version(SITE, "v2", "FINALIZED");
    hosting.version(SITE, "v3", "CREATED");
    hosting.site("locked-web", false, "v1");
    hosting.site("new-web", true, null);
    hosting.version("new-web", "v2", "FINALIZED");
    FirebaseSites sites =
        new FirebaseSites(
            Map.of("web", SITE, "locked", "locked-web", "fresh", "new-web"),
            List.of("alpha", "beta"),
            Duration.ofDays(7));
    Path key = hosting.credentials(dir);
    h =
        new ReleaseHarness(
            env,
            worker,
            clock -> {
              try {
                return FirebaseHosting.of(
                    FirebaseHosting.client(key, hosting.rootUrl(), Duration.ofSeconds(10)), sites);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }

  @AfterEach
  void tearDown() {
    hosting.close();
  }

  private static ReleaseRequest request(String service, String version) {
    return new ReleaseRequest(
        service, "2.4.0", version, "prod", Strategy.CANARY, "web", null, "alice", null, null);
  }

  @Test
  void promotionDeploysToEachPreviewChannelThenReleasesToLive() {
    ReleaseResult result = h.run(request("web", "v2"));

    assertEquals(ReleaseOutcome.PROMOTED, result.outcome(), result.detail());
    assertEquals(List.of("DEPLOY v2"), hosting.releases(SITE, "alpha"));
    assertEquals(List.of("DEPLOY v2"), hosting.releases(SITE, "beta"));
    assertEquals(List.of("DEPLOY v1", "DEPLOY v2"), hosting.releases(SITE, "live"));
    assertEquals(Map.of("rollwright-weight", "1000"), hosting.labels(SITE, "alpha"));
    assertEquals(Map.of("rollwright-weight", "2500"), hosting.labels(SITE, "beta"));
    assertThat(hosting.calls())
        .filteredOn(c -> c.method().equals("releases.create"))
        .extracting(FirebaseHostingStandIn.Call::detail)
        .containsExactly("alpha DEPLOY v2", "beta DEPLOY v2", "live DEPLOY v2");
  }

  @Test
  void breachOnBetaPointsThePreviewChannelsBackAtLiveAndLeavesLiveAlone() {
    h.sandbox.metrics().script("web", Track.CANARY, "error-rate", "0.002, 45m: 0.09");

    ReleaseWorkflow release = h.start(request("web", "v2"));
    ReleaseResult result = h.result(release);

    assertEquals(ReleaseOutcome.ROLLED_BACK, result.outcome(), result.detail());
    assertEquals(RollbackReason.ANALYSIS, result.rollbackReason());
    assertEquals("beta", release.status().stage());
    assertEquals(List.of("DEPLOY v2", "ROLLBACK v1"), hosting.releases(SITE, "alpha"));
    assertEquals(List.of("DEPLOY v2", "ROLLBACK v1"), hosting.releases(SITE, "beta"));
    assertEquals(List.of("DEPLOY v1"), hosting.releases(SITE, "live"), "live never had v2");
  }

  @Test
  void breachDuringTheBakeReleasesThePreviousVersionToLive() {
    h.sandbox.metrics().script("web", Track.CANARY, "error-rate", "0.002, 70m: 0.09");

    ReleaseResult result = h.run(request("web", "v2"));

    assertEquals(ReleaseOutcome.ROLLED_BACK, result.outcome(), result.detail());
    assertEquals(RollbackReason.BAKE, result.rollbackReason());
    assertEquals(List.of("DEPLOY v1", "DEPLOY v2", "ROLLBACK v1"), hosting.releases(SITE, "live"));
    assertEquals("v1", hosting.served(SITE, "alpha"));
    assertEquals("v1", hosting.served(SITE, "beta"));
  }

  @Test
  void releasingTheSameVersionAgainRedeploysIt() {
    h.sandbox.metrics().script("web", Track.CANARY, "error-rate", "0.002, 15m: 0.09");
    assertEquals(ReleaseOutcome.ROLLED_BACK, h.run(request("web", "v2")).outcome());
    h.sandbox.metrics().script("web", Track.CANARY, "error-rate", "0.002");

    ReleaseResult again = h.run(request("web", "v2"));

    assertEquals(ReleaseOutcome.PROMOTED, again.outcome(), again.detail());
    assertEquals(List.of("DEPLOY v2", "ROLLBACK v1", "DEPLOY v2"), hosting.releases(SITE, "alpha"));
    assertEquals("v2", hosting.served(SITE, "live"));
  }

  @Test
  void preflightRefusesWhatHostingCouldNotRelease() {
    assertPreflightRefuses("web", "v9", "no version sites/example-web/versions/v9");
    assertPreflightRefuses("web", "v3", "sites/example-web/versions/v3 is CREATED, not FINALIZED");
    assertPreflightRefuses(
        "web", "sites/other/versions/v2", "is not a version ID of site example-web");
    assertPreflightRefuses("locked", "v2", "403: The caller does not have permission");
    assertPreflightRefuses("games", "v2", "no site for service games");
    assertPreflightRefuses("fresh", "v2", "site new-web has no live version to return to");
    assertPreflightRefuses(
        "web", "v1", "sites/example-web/versions/v1 is already live on site example-web");
    assertThat(hosting.calls()).noneMatch(c -> c.method().startsWith("releases.create"));
    assertThat(hosting.calls()).noneMatch(c -> c.method().startsWith("channels.create"));
  }

  private void assertPreflightRefuses(String service, String version, String why) {
    h.assertPreflightRefuses(request(service, version), "firebase-hosting", why);
  }
}
