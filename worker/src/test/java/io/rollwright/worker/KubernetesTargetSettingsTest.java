package io.rollwright.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollwright.activities.traffic.kubernetes.Kubernetes;
import io.rollwright.activities.traffic.kubernetes.KubernetesTargets;
import io.rollwright.worker.extension.KubernetesProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Targets send an environment's releases to another cluster or namespace; a target that names a
 * kubeconfig the worker cannot read, a context the kubeconfig lacks, or no valid namespace stops
 * the worker at start, naming the setting. So does a cohort match that is neither a header nor a
 * cookie.
 */
class KubernetesTargetSettingsTest {
  @TempDir Path dir;

  private Path kubeconfig(String name, String context) throws IOException {
    return Files.writeString(
        dir.resolve(name),
        """
        apiVersion: v1
        kind: Config
        clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]
        users: [{name: u, user: {token: t}}]
        contexts: [{name: %s, context: {cluster: c, user: u}}]
        current-context: %s
        """
            .formatted(context, context));
  }

  private static Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("ROLLWRIGHT_KUBERNETES_ENABLED", "true");
    env.put("ROLLWRIGHT_DEFAULTROUTER", "replica-ratio");
    env.put("ROLLWRIGHT_PROMETHEUS_URL", "http://prometheus:9090");
    env.put("ROLLWRIGHT_DEFAULTMETRICS", "prometheus");
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  @Test
  void withoutTargetsEveryEnvironmentGoesToTheWorkersOwnCluster() {
    WorkerContext.withEnvironment(env())
        .run(
            context -> {
              assertThat(context).hasNotFailed().hasSingleBean(Kubernetes.class);
              assertThat(context).doesNotHaveBean(KubernetesTargets.class);
            });
  }

  @Test
  void targetsBindTheirClusterAndNamespace() throws IOException {
    Path east = kubeconfig("east.kubeconfig", "us-east");
    WorkerContext.withEnvironment(
            env(
                "ROLLWRIGHT_KUBERNETES_TARGETS_EAST_KUBECONFIG", east.toString(),
                "ROLLWRIGHT_KUBERNETES_TARGETS_EAST_CONTEXT", "us-east",
                "ROLLWRIGHT_KUBERNETES_TARGETS_EAST_NAMESPACE", "storefront",
                "ROLLWRIGHT_KUBERNETES_TARGETS_STAGING_NAMESPACE", "shop-staging"))
        .run(
            context -> {
              assertThat(context).hasNotFailed().hasSingleBean(KubernetesTargets.class);
              KubernetesProperties.Target target =
                  context.getBean(KubernetesProperties.class).targets().get("east");
              assertThat(target.kubeconfig()).isEqualTo(east);
              assertThat(target.namespace()).isEqualTo("storefront");
              assertThat(
                      context
                          .getBean(RegisteredExtensions.class)
                          .routers()
                          .get(Kubernetes.GATEWAY_API)
                          .routesCohorts())
                  .as("a router over targets still sends cohorts")
                  .isTrue();
            });
  }

  @Test
  void aContextTheKubeconfigLacksStopsTheWorkerNamingIt() throws IOException {
    Path east = kubeconfig("east.kubeconfig", "us-east");
    WorkerContext.assertFailsSaying(
        env(
            "ROLLWRIGHT_KUBERNETES_TARGETS_EAST_KUBECONFIG",
            east.toString(),
            "ROLLWRIGHT_KUBERNETES_TARGETS_EAST_CONTEXT",
            "eu-west"),
        "rollwright.kubernetes.targets.east.context: "
            + east
            + " has no context eu-west (it has [us-east])");
  }

  @Test
  void aKubeconfigThatCannotBeReadStopsTheWorkerNamingIt() {
    Path missing = dir.resolve("missing.kubeconfig");
    WorkerContext.assertFailsSaying(
        env("ROLLWRIGHT_KUBERNETES_TARGETS_EAST_KUBECONFIG", missing.toString()),
        "rollwright.kubernetes.targets.east.kubeconfig: cannot read " + missing);
  }

  @Test
  void aNamespaceKubernetesWouldRefuseStopsTheWorkerNamingIt() {
    WorkerContext.assertFailsSaying(
        env("ROLLWRIGHT_KUBERNETES_TARGETS_EAST_NAMESPACE", "Store_Front"),
        "rollwright.kubernetes.targets.east.namespace: 'Store_Front' is not a"
            + " Kubernetes namespace name");
  }

  @Test
  void cohortsMayBeReadFromACookie() {
    WorkerContext.withEnvironment(
            env(
                "ROLLWRIGHT_KUBERNETES_COHORTS_MATCH", "cookie",
                "ROLLWRIGHT_KUBERNETES_COHORTS_NAME", "team"))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(KubernetesProperties.class).cohorts())
                  .isEqualTo(new KubernetesProperties.Cohorts("cookie", "team"));
            });
  }

  @Test
  void aCohortMatchThatIsNeitherHeaderNorCookieStopsTheWorkerNamingIt() {
    WorkerContext.assertFailsSaying(
        env("ROLLWRIGHT_KUBERNETES_COHORTS_MATCH", "query"),
        "rollwright.kubernetes.cohorts: 'query' is neither header nor cookie");
    WorkerContext.assertFailsSaying(
        env("ROLLWRIGHT_KUBERNETES_COHORTS_NAME", "x cohort"),
        "rollwright.kubernetes.cohorts: 'x cohort' is not a header name");
  }
}
