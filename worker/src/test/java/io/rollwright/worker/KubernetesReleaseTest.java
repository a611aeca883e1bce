package io.rollwright.worker;

import static io.rollwright.activities.traffic.kubernetes.KubernetesFixture.OLD_IMAGE;
import static io.rollwright.activities.traffic.kubernetes.KubernetesFixture.SERVICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.rollwright.activities.metrics.Track;
import io.rollwright.activities.traffic.kubernetes.Kubernetes;
import io.rollwright.activities.traffic.kubernetes.KubernetesFixture;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.ReleaseWorkflow;
import io.rollwright.api.RollbackReason;
import io.rollwright.policy.ReleasePolicy;
import io.rollwright.policy.Strategy;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whole releases (the `standard` preset) through each Kubernetes router, the mock API server
 * standing in for the cluster.
 */
@EnableKubernetesMockClient(crud = true)
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class KubernetesReleaseTest {
  private static final String NEW_IMAGE = "registry.example/checkout:2.3.0";

  @RegisterExtension static final TestWorkflowExtension temporal = ReleaseHarness.extension();

  KubernetesClient client;

  private KubernetesFixture cluster;
  private ReleaseHarness h;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, Worker worker) {
    cluster = new KubernetesFixture(client);
    h =
        new ReleaseHarness(
            env,
            worker,
            clock -> new Kubernetes(client, clock, Duration.ofMinutes(10), Duration.ofSeconds(2)));
  }

  @AfterEach
  void tearDown() {
    cluster.close();
  }

  private static ReleaseRequest request(String router) {
    ReleasePolicy standardVia =
        new ReleasePolicy(
            null,
            null,
            "standard",
            router,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    return new ReleaseRequest(
        SERVICE,
        "2.3.0",
        NEW_IMAGE,
        "prod",
        Strategy.CANARY,
        null,
        standardVia,
        "alice",
        null,
        null);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {Kubernetes.REPLICA_RATIO, Kubernetes.GATEWAY_API, Kubernetes.NGINX_INGRESS})
  void releasePromotes(String router) {
    ReleaseResult result = h.run(request(router));

    assertEquals(ReleaseOutcome.PROMOTED, result.outcome(), result.detail());
    assertEquals(NEW_IMAGE, cluster.image(SERVICE));
    assertEquals(4, cluster.replicas(SERVICE));
    assertEquals(0, cluster.replicas(SERVICE + "-canary"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {Kubernetes.REPLICA_RATIO, Kubernetes.GATEWAY_API, Kubernetes.NGINX_INGRESS})
  void breachAt25LeavesStableAtFullTrafficAndNoCanary(String router) {
    h.sandbox.metrics().script(SERVICE, Track.CANARY, "error-rate", "0.002, 45m: 0.05");

    ReleaseWorkflow release = h.start(request(router));
    ReleaseResult result = h.result(release);

    assertEquals(ReleaseOutcome.ROLLED_BACK, result.outcome());
    assertEquals(RollbackReason.ANALYSIS, result.rollbackReason());
    assertEquals("canary-25", release.status().stage());
    assertEquals(OLD_IMAGE, cluster.image(SERVICE), "stable untouched");
    assertEquals(4, cluster.replicas(SERVICE), "stable at full size");
    assertEquals(0, cluster.replicas(SERVICE + "-canary"), "canary at zero replicas");
    assertTrue(release.status().audit().stream().anyMatch(e -> e.action().equals("rolling back")));
  }
}
