package io.rollwright.system;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseResult;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One worker, two real control planes: the targets {@code east} (the shared cluster) and {@code
 * west} (another) put their releases in namespace {@code storefront} of their own cluster. A
 * release to one changes only its cluster, and pre-flight checks the release's own cluster.
 */
class TargetsIT extends RealClusterTest {
  private static final String NS = "storefront";
  private static KubernetesControlPlane westPlane;
  private static ClusterInstall west;
  private static Path westKubeconfig;

  @BeforeAll
  static void startTheSecondCluster() throws Exception {
    westPlane = KubernetesControlPlane.another();
    west = new ClusterInstall(westPlane);
    west.gatewayApi();
    westKubeconfig = west.workerKubeconfig(dir.resolve("west.kubeconfig"));
    cluster.releaseNamespace(NS);
    west.releaseNamespace(NS);
  }

  @AfterAll
  static void stopTheSecondCluster() {
    if (westPlane != null) {
      westPlane.stop();
    }
  }

  private static AppProcess targetsWorker() throws Exception {
    return clusterWorker(
        "targets",
        "--rollwright.kubernetes.targets.east.kubeconfig=" + kubeconfig,
        "--rollwright.kubernetes.targets.east.context=local",
        "--rollwright.kubernetes.targets.east.namespace=" + NS,
        "--rollwright.kubernetes.targets.west.kubeconfig=" + westKubeconfig,
        "--rollwright.kubernetes.targets.west.namespace=" + NS);
  }

  @Test
  void eachTargetsReleaseChangesOnlyItsOwnClusterAndIsCheckedThere() throws Exception {
    cluster.service(NS, "cart", REPLICAS, image("cart", OLD));
    west.service(NS, "cart", REPLICAS, image("cart", OLD));
    cluster.service(NS, "ghost", REPLICAS, image("ghost", OLD));

    try (AppProcess worker = targetsWorker()) {
      start(request("cart", NEW, "east", "cluster"));
      ReleaseResult east = result("cart@east", Duration.ofMinutes(2));
      String eastImage = cluster.image(NS, "cart");
      String westBefore = west.image(NS, "cart");

      start(request("cart", NEW, "west", "cluster"));
      start(request("ghost", NEW, "west", "cluster"));
      ReleaseResult westResult = result("cart@west", Duration.ofMinutes(2));
      ReleaseResult ghost = result("ghost@west", Duration.ofMinutes(2));

      assertAll(
          () -> assertEquals(ReleaseOutcome.PROMOTED, east.outcome(), east::toString),
          () -> assertEquals(image("cart", NEW), eastImage, "east's cluster runs the new version"),
          () -> assertEquals(image("cart", OLD), westBefore, "west's cluster was not touched"),
          () -> assertEquals(ReleaseOutcome.PROMOTED, westResult.outcome(), westResult::toString),
          () -> assertEquals(image("cart", NEW), west.image(NS, "cart")),
          () -> assertEquals(ReleaseOutcome.BLOCKED, ghost.outcome(), ghost::toString),
          () ->
              assertTrue(
                  ghost
                      .detail()
                      .contains(
                          "stable Deployment storefront/ghost (does namespace storefront of"
                              + " cluster west.kubeconfig exist?)"),
                  ghost::toString),
          () ->
              assertEquals(
                  image("ghost", OLD),
                  cluster.image(NS, "ghost"),
                  "the ghost in east's cluster was not touched"));
    }
  }
}
