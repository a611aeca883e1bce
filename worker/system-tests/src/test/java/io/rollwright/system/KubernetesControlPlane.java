package io.rollwright.system;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Kubernetes control plane as local processes, no Docker: etcd, kube-apiserver (RBAC
 * authorizer, the default admission plugins), kube-controller-manager, kube-scheduler, and kwok,
 * which runs one simulated node whose pods go Running and Ready after {@link #POD_START_DELAY_MS}
 * (or their own {@link #POD_START_DELAY} annotation). The binaries come from {@code
 * deploy/local/control-plane/build.sh} (built once per machine, then reused). Started once per JVM;
 * stopped, exactly the processes it started, when the JVM exits.
 */
public final class KubernetesControlPlane {
  static final String BUILD_SCRIPT = "deploy/local/control-plane/build.sh";

  /**
   * How long kwok takes to make a scheduled pod Ready: {@code
   * -Drollwright.kwok.pod-start-delay-ms}.
   */
  static final long POD_START_DELAY_MS = Long.getLong("rollwright.kwok.pod-start-delay-ms", 500);

  /** A pod annotated with this ({@code "3s"}, say) takes that long instead. */
  static final String POD_START_DELAY = "pod-ready.stage.kwok.x-k8s.io/delay";

  private static KubernetesControlPlane shared;

  private final Path dir;
  private final Path home;
  private final String adminToken = token();
  private final int apiPort;
  private final List<Process> started = new ArrayList<>();
  private KubernetesClient admin;

  private KubernetesControlPlane(Path home, Path dir) throws IOException {
    this.home = home;
    this.dir = dir;
    this.apiPort = TemporalDevServer.freePort();
  }

  /** The control plane of this JVM, started on first use. */
  public static synchronized KubernetesControlPlane shared() throws Exception {
    if (shared == null) {
      shared = another();
    }
    return shared;
  }

  /**
   * Another control plane, on ports of its own, beside the shared one: for tests of several
   * clusters. Stopped when the JVM ends, or by {@link #stop()}.
   */
  public static KubernetesControlPlane another() throws Exception {
    Path dir =
        Files.createDirectories(
            Path.of("target", "control-plane", String.valueOf(System.nanoTime())).toAbsolutePath());
    KubernetesControlPlane plane = new KubernetesControlPlane(build(dir), dir);
    Runtime.getRuntime().addShutdownHook(new Thread(plane::stop, "control-plane-stop"));
    plane.start();
    return plane;
  }

  /**
   * Builds or reuses the binaries; where Go is missing the tests are skipped, except in CI, where
   * they fail.
   */
  private static Path build(Path dir) throws Exception {
    return Repo.runScript(BUILD_SCRIPT, dir.resolve("build.log"), "Go is required");
  }

  /**
   * A client with every right (group {@code system:masters}): the platform team's, not the
   * worker's.
   */
  public KubernetesClient admin() {
    return admin;
  }

  /** The API server's address. */
  public String server() {
    return "https://127.0.0.1:" + apiPort;
  }

  /** The CA the API server's serving certificate is signed by, PEM. */
  public String certificateAuthority() throws IOException {
    return Files.readString(dir.resolve("certs").resolve("apiserver.crt"));
  }

  /** The Gateway API CRDs (standard channel) as built with the control plane. */
  public Path gatewayApiCrds() {
    return home.resolve("crds").resolve("gateway-api-standard.yaml");
  }

  /**
   * Creates the namespace (if missing) and returns once its {@code default} ServiceAccount exists,
   * so pods are admitted.
   */
  public void namespace(String name) throws InterruptedException {
    admin
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .createOr(NonDeletingOperation::update);
    await(
        "ServiceAccount " + name + "/default",
        30,
        () -> admin.serviceAccounts().inNamespace(name).withName("default").get() != null);
  }

  private void start() throws Exception {
    Path bin = home.resolve("bin");
    KeyPair serviceAccountKeys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    Path signingKey =
        pem(dir.resolve("sa.key"), "PRIVATE KEY", serviceAccountKeys.getPrivate().getEncoded());
    Path verifyingKey =
        pem(dir.resolve("sa.pub"), "PUBLIC KEY", serviceAccountKeys.getPublic().getEncoded());
    Path tokens =
        Files.writeString(
            dir.resolve("tokens.csv"), adminToken + ",admin,admin,\"system:masters\"\n");
    Path kubeconfig =
        Files.writeString(dir.resolve("admin.kubeconfig"), kubeconfig(adminToken, null));
    int etcdPort = TemporalDevServer.freePort();
    int peerPort = TemporalDevServer.freePort();
    String etcdUrl = "http://127.0.0.1:" + etcdPort;
    String peerUrl = "http://127.0.0.1:" + peerPort;
    launch(
        "etcd",
        bin.resolve("etcd").toString(),
        "--name=rollwright",
        "--data-dir=" + dir.resolve("etcd"),
        "--listen-client-urls=" + etcdUrl,
        "--advertise-client-urls=" + etcdUrl,
        "--listen-peer-urls=" + peerUrl,
        "--initial-advertise-peer-urls=" + peerUrl,
        "--initial-cluster=rollwright=" + peerUrl,
        "--unsafe-no-fsync");
    launch(
        "kube-apiserver",
        bin.resolve("kube-apiserver").toString(),
        "--etcd-servers=" + etcdUrl,
        "--secure-port=" + apiPort,
        "--bind-address=127.0.0.1",
        "--advertise-address=127.0.0.1",
        "--endpoint-reconciler-type=none",
        "--cert-dir=" + dir.resolve("certs"),
        "--token-auth-file=" + tokens,
        "--authorization-mode=RBAC",
        "--service-account-issuer=https://kubernetes.default.svc",
        "--service-account-key-file=" + verifyingKey,
        "--service-account-signing-key-file=" + signingKey,
        "--service-cluster-ip-range=10.96.0.0/16");
    admin =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder(Config.empty())
                    .withMasterUrl(server())
                    .withOauthToken(adminToken)
                    .withTrustCerts(true)
                    .withDisableHostnameVerification(true)
                    .build())
            .build();
    await(
        "the API server to be ready",
        60,
        () -> {
          try {
            return "ok".equals(admin.raw(server() + "/readyz"));
          } catch (RuntimeException notYet) {
            return false;
          }
        });
    launch(
        "kube-controller-manager",
        bin.resolve("kube-controller-manager").toString(),
        "--kubeconfig=" + kubeconfig,
        "--leader-elect=false",
        "--secure-port=0",
        "--service-account-private-key-file=" + signingKey,
        "--controllers="
            + String.join(
                ",",
                "deployment-controller",
                "replicaset-controller",
                "job-controller",
                "garbage-collector-controller",
                "namespace-controller",
                "serviceaccount-controller",
                "serviceaccount-token-controller",
                "node-lifecycle-controller",
                "resourcequota-controller"));
    launch(
        "kube-scheduler",
        bin.resolve("kube-scheduler").toString(),
        "--kubeconfig=" + kubeconfig,
        "--leader-elect=false",
        "--secure-port=0");
    launch(
        "kwok",
        bin.resolve("kwok").toString(),
        "--kubeconfig=" + kubeconfig,
        "--manage-all-nodes=false",
        "--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake",
        "--cidr=10.0.0.1/24",
        "--node-ip=10.0.0.1",
        // the node's heartbeat is its lease: without one the node lifecycle controller marks it,
        // and every pod, not ready
        "--node-lease-duration-seconds=40",
        "--config=" + stages());
    Node node = admin.nodes().resource(simulatedNode()).createOr(NonDeletingOperation::update);
    await(
        "node " + node.getMetadata().getName() + " to be Ready",
        60,
        () -> {
          Node n = admin.nodes().withName(node.getMetadata().getName()).get();
          return n.getStatus().getConditions() != null
              && n.getStatus().getConditions().stream()
                  .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()))
              && (n.getSpec().getTaints() == null || n.getSpec().getTaints().isEmpty());
        });
  }

  /** The image whose Job pods kwok ends failed, exit code 1; every other Job pod succeeds. */
  static final String FAILING_IMAGE = "registry.example/smoke:failing";

  private static final String NOT_FAILING =
      "    - key: '.spec.containers.[0].image'\n      operator: 'NotIn'\n      values:\n      - '"
          + FAILING_IMAGE
          + "'\n";

  /** The pod-complete stage turned into one that fails the Job pods of {@link #FAILING_IMAGE}. */
  private static String failing(String complete) {
    return complete
        .replace("name: pod-complete", "name: pod-fail")
        .replaceFirst(
            "(?m)^  selector:\n    matchExpressions:\n",
            "$0"
                + "    - key: '.spec.containers.[0].image'\n      operator: 'In'\n      values:\n      - '"
                + FAILING_IMAGE
                + "'\n")
        .replace("exitCode: 0", "exitCode: 1")
        .replace("reason: Completed", "reason: Error")
        .replace("phase: Succeeded", "phase: Failed");
  }

  /**
   * kwok's stages as built, the pod-ready stage delayed by {@link #POD_START_DELAY_MS}, and Job
   * pods of {@link #FAILING_IMAGE} failing where all others complete.
   */
  private Path stages() throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.list(home.resolve("stages"))) {
      for (Path f : files.sorted().toList()) {
        String stage = Files.readString(f);
        if (f.getFileName().toString().equals("pod-ready.yaml")) {
          stage =
              stage.replaceFirst(
                  "(?m)^  next:",
                  "  delay:\n    durationMilliseconds: "
                      + POD_START_DELAY_MS
                      + "\n    durationFrom:\n      expressionFrom: '.metadata.annotations[\""
                      + POD_START_DELAY
                      + "\"]'\n  next:");
        }
        if (f.getFileName().toString().equals("pod-complete.yaml")) {
          all.append("---\n").append(failing(stage)).append('\n');
          stage =
              stage.replaceFirst("(?m)^  selector:\n    matchExpressions:\n", "$0" + NOT_FAILING);
        }
        all.append("---\n").append(stage).append('\n');
      }
    }
    return Files.writeString(dir.resolve("kwok-stages.yaml"), all);
  }

  private static Node simulatedNode() {
    Map<String, Quantity> size =
        Map.of(
            "cpu",
            new Quantity("32"),
            "memory",
            new Quantity("256Gi"),
            "pods",
            new Quantity("250"));
    return new NodeBuilder()
        .withNewMetadata()
        .withName("kwok-node-0")
        .addToAnnotations("kwok.x-k8s.io/node", "fake")
        .addToAnnotations("node.alpha.kubernetes.io/ttl", "0")
        .addToLabels("type", "kwok")
        .addToLabels("kubernetes.io/hostname", "kwok-node-0")
        .addToLabels("kubernetes.io/os", "linux")
        .endMetadata()
        .withNewStatus()
        .withAllocatable(size)
        .withCapacity(size)
        .endStatus()
        .build();
  }

  /**
   * A kubeconfig for this API server with a bearer token, verifying the server with {@code caPem}
   * (or not at all when null).
   */
  public String kubeconfig(String token, String caPem) {
    String cluster =
        caPem == null
            ? "insecure-skip-tls-verify: true"
            : "certificate-authority-data: "
                + Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.UTF_8));
    return """
        apiVersion: v1
        kind: Config
        clusters:
          - name: local
            cluster:
              server: %s
              %s
        users:
          - name: user
            user:
              token: %s
        contexts:
          - name: local
            context: {cluster: local, user: user}
        current-context: local
        """
        .formatted(server(), cluster, token);
  }

  private void launch(String name, String... command) throws IOException {
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(name + ".log").toFile()))
            .start();
    started.add(p);
    if (!p.isAlive()) {
      throw new IllegalStateException(name + " exited at once; see " + dir.resolve(name + ".log"));
    }
  }

  /** Stops what this control plane started, newest first: SIGTERM, then SIGKILL after 10 s. */
  public synchronized void stop() {
    if (admin != null) {
      admin.close();
    }
    for (int i = started.size() - 1; i >= 0; i--) {
      Process p = started.get(i);
      p.destroy();
      try {
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  private static Path pem(Path file, String type, byte[] der) throws IOException {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return Files.writeString(
        file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
  }

  private static String token() {
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    return HexFormat.of().formatHex(random);
  }

  static void await(String what, int seconds, java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + seconds + "s waiting for " + what);
      }
      Thread.sleep(100);
    }
  }
}
