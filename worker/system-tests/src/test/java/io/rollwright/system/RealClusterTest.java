package io.rollwright.system;

import io.rollwright.api.ReleaseRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the tests on the real Kubernetes control plane ({@link KubernetesControlPlane}): workers
 * as separate processes talking to the API server as the shipped ServiceAccount, with the
 * Kubernetes routers enabled and the sandbox's metrics; services of 4 replicas released from {@link
 * #OLD} to {@link #NEW}.
 */
abstract class RealClusterTest extends RealServerTest {
  static final int REPLICAS = 4;
  static final String OLD = "1.0.0";
  static final String NEW = "2.0.0";
  static ClusterInstall cluster;
  static Path kubeconfig;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = new ClusterInstall(KubernetesControlPlane.shared());
    cluster.gatewayApi();
    kubeconfig =
        cluster.workerKubeconfig(Files.createDirectories(dir).resolve("worker.kubeconfig"));
  }

  /**
   * A worker with the Kubernetes routers, a 20 s progress deadline and availability read every 100
   * ms; up.
   */
  static AppProcess clusterWorker(String name, String... settings) throws Exception {
    List<String> all =
        new ArrayList<>(
            List.of(
                "--rollwright.kubernetes.enabled=true",
                "--rollwright.kubernetes.progress-deadline=20s",
                "--rollwright.kubernetes.poll=100ms"));
    all.addAll(List.of(settings));
    return AppProcess.worker(
            server,
            journal(),
            dir.resolve(name + ".log"),
            Map.of("KUBECONFIG", kubeconfig.toString()),
            all.toArray(String[]::new))
        .awaitUp(Duration.ofMinutes(2));
  }

  /** The real-cluster test policy through {@code router}: canary at 25% then 50%, 3 s soaks. */
  static String policy(String router) {
    return router.equals("replica-ratio") ? "cluster" : "cluster-" + router;
  }

  /**
   * Starts the release of {@link #NEW} of {@code service} into namespace {@code ns}; returns its
   * id.
   */
  static String start(String ns, String service, String router) {
    return start(request(ns, service, policy(router)));
  }

  /**
   * The release of {@link #NEW} of {@code service} into namespace {@code ns} under {@code policy}.
   */
  static ReleaseRequest request(String ns, String service, String policy) {
    return request(service, NEW, ns, policy);
  }

  static String image(String service, String version) {
    return "registry.example/" + service + ":" + version;
  }

  static boolean audited(String releaseId, String action) {
    try {
      return release(releaseId).status().audit().stream().anyMatch(e -> e.action().equals(action));
    } catch (RuntimeException notYet) {
      return false;
    }
  }

  /** Prints one benchmark figure as {@code name: value}, two decimals. */
  static void print(String name, double value) {
    System.out.println(String.format(Locale.ROOT, "%s: %.2f", name, value));
  }
}
