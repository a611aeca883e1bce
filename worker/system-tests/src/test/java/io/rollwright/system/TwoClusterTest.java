package io.rollwright.system;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the tests on two real Kubernetes control planes at once: the shared one ({@link
 * #cluster}) and {@link #west}, each with the worker's ServiceAccount of {@code deploy/kubernetes};
 * one worker process serves both through {@code rollwright.kubernetes.targets}.
 */
abstract class TwoClusterTest extends RealClusterTest {
  static KubernetesControlPlane westPlane;
  static ClusterInstall west;
  static Path westKubeconfig;

  @BeforeAll
  static void startTheSecondCluster() throws Exception {
    westPlane = KubernetesControlPlane.another();
    west = new ClusterInstall(westPlane);
    west.gatewayApi();
    westKubeconfig = west.workerKubeconfig(dir.resolve("west.kubeconfig"));
  }

  @AfterAll
  static void stopTheSecondCluster() {
    if (westPlane != null) {
      westPlane.stop();
    }
  }

  /**
   * The settings of target {@code environment}: namespace {@code ns} of the west cluster when
   * {@code onWest}, else of the shared one (through its context, by name).
   */
  static List<String> target(String environment, boolean onWest, String ns) {
    String at = "--rollwright.kubernetes.targets." + environment + ".";
    return onWest
        ? List.of(at + "kubeconfig=" + westKubeconfig, at + "namespace=" + ns)
        : List.of(at + "kubeconfig=" + kubeconfig, at + "context=local", at + "namespace=" + ns);
  }

  /** A worker with the Kubernetes routers, {@code targets}' settings and {@code more}; up. */
  static AppProcess targetsWorker(String name, List<String> targets, String... more)
      throws Exception {
    List<String> settings = new ArrayList<>(targets);
    settings.addAll(List.of(more));
    return clusterWorker(name, settings.toArray(String[]::new));
  }
}
