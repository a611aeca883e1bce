package io.rollwright.system;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * What a platform team sets up for Rollwright in a real cluster: the worker's ServiceAccount and
 * the release Role exactly as {@code deploy/kubernetes} ships them, and a service to release (its
 * stable Deployment, its Services, an HTTPRoute and an Ingress). Also reads back what the cluster
 * reports.
 */
final class ClusterInstall {
  static final String WORKER_NAMESPACE = "rollwright";
  static final String WORKER_ACCOUNT = "rollwright-worker";
  private static final Path DEPLOY = Repo.path("deploy", "kubernetes");

  private final KubernetesControlPlane plane;
  private final KubernetesClient admin;

  ClusterInstall(KubernetesControlPlane plane) {
    this.plane = plane;
    this.admin = plane.admin();
  }

  /** The Gateway API CRDs (standard channel), established. */
  void gatewayApi() throws IOException {
    for (HasMetadata o : load(Files.readAllBytes(plane.gatewayApiCrds()))) {
      admin.resource(o).createOr(NonDeletingOperation::update);
    }
    admin
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .withName("httproutes.gateway.networking.k8s.io")
        .waitUntilCondition(ClusterInstall::established, 60, TimeUnit.SECONDS);
  }

  private static boolean established(CustomResourceDefinition crd) {
    return crd != null
        && crd.getStatus() != null
        && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /**
   * The worker's ServiceAccount from {@code deploy/kubernetes/base}, and a kubeconfig with a token
   * for it from the TokenRequest API, written to {@code file}.
   */
  Path workerKubeconfig(Path file) throws Exception {
    plane.namespace(WORKER_NAMESPACE);
    for (HasMetadata o :
        load(Files.readAllBytes(DEPLOY.resolve("base").resolve("serviceaccount.yaml")))) {
      admin.resource(o).inNamespace(WORKER_NAMESPACE).createOr(NonDeletingOperation::update);
    }
    String token =
        admin
            .serviceAccounts()
            .inNamespace(WORKER_NAMESPACE)
            .withName(WORKER_ACCOUNT)
            .tokenRequest(
                new TokenRequestBuilder()
                    .withNewSpec()
                    .withExpirationSeconds(24 * 3600L)
                    .endSpec()
                    .build())
            .getStatus()
            .getToken();
    return Files.writeString(file, plane.kubeconfig(token, plane.certificateAuthority()));
  }

  /**
   * A namespace to release into, with {@code deploy/kubernetes/target-namespace} as {@code kubectl
   * kustomize} renders it.
   */
  void releaseNamespace(String ns) throws Exception {
    plane.namespace(ns);
    for (HasMetadata o : load(kustomize(DEPLOY.resolve("target-namespace")))) {
      o.getMetadata().setNamespace(ns);
      admin.resource(o).inNamespace(ns).createOr(NonDeletingOperation::update);
    }
  }

  /**
   * {@code deploy/kubernetes/job-checks} in {@code ns}, as {@code kubectl kustomize} renders it.
   */
  void jobChecks(String ns) throws Exception {
    for (HasMetadata o : load(kustomize(DEPLOY.resolve("job-checks")))) {
      o.getMetadata().setNamespace(ns);
      admin.resource(o).inNamespace(ns).createOr(NonDeletingOperation::update);
    }
  }

  /** The shipped release Role in {@code ns} without {@code verb} on {@code resource}. */
  void withoutVerb(String ns, String resource, String verb) {
    admin
        .rbac()
        .roles()
        .inNamespace(ns)
        .withName("rollwright-release")
        .edit(
            r -> {
              r.getRules().stream()
                  .filter(rule -> rule.getResources().contains(resource))
                  .forEach(
                      rule ->
                          rule.setVerbs(
                              new ArrayList<>(
                                  rule.getVerbs().stream().filter(v -> !v.equals(verb)).toList())));
              return r;
            });
  }

  /**
   * A service as its team runs it before Rollwright: {@code replicas} pods of {@code image}
   * labelled {@code app} and {@code track: stable}, available; a Service selecting both tracks (the
   * replica-ratio router's), one per track (the weighted routers'), an HTTPRoute and an Ingress.
   */
  void service(String ns, String name, int replicas, String image) throws InterruptedException {
    service(ns, name, replicas, image, null);
  }

  /**
   * As {@link #service(String, String, int, String)}, each pod taking {@code podStartDelay} ("3s")
   * to become ready when not null.
   */
  void service(String ns, String name, int replicas, String image, String podStartDelay)
      throws InterruptedException {
    Map<String, String> annotations =
        podStartDelay == null
            ? Map.of()
            : Map.of(KubernetesControlPlane.POD_START_DELAY, podStartDelay);
    admin
        .apps()
        .deployments()
        .inNamespace(ns)
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels("app", name)
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withNewSelector()
                .addToMatchLabels("app", name)
                .addToMatchLabels("track", "stable")
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", name)
                .addToLabels("track", "stable")
                .withAnnotations(annotations)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName(name)
                .withImage(image)
                .addNewPort()
                .withContainerPort(8080)
                .endPort()
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build())
        .createOr(NonDeletingOperation::update);
    service(ns, name, Map.of("app", name));
    service(ns, name + "-stable", Map.of("app", name, "track", "stable"));
    service(ns, name + "-canary", Map.of("app", name, "track", "canary"));
    admin
        .resources(HTTPRoute.class)
        .inNamespace(ns)
        .resource(
            new HTTPRouteBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .addNewParentRef()
                .withName("public")
                .endParentRef()
                .addNewRule()
                .addNewBackendRef()
                .withName(name + "-stable")
                .withPort(80)
                .withWeight(1)
                .endBackendRef()
                .endRule()
                .endSpec()
                .build())
        .createOr(NonDeletingOperation::update);
    admin
        .network()
        .v1()
        .ingresses()
        .inNamespace(ns)
        .resource(
            new IngressBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .withIngressClassName("nginx")
                .addNewRule()
                .withHost(name + ".example")
                .withNewHttp()
                .addNewPath()
                .withPath("/")
                .withPathType("Prefix")
                .withNewBackend()
                .withNewService()
                .withName(name + "-stable")
                .withNewPort()
                .withNumber(80)
                .endPort()
                .endService()
                .endBackend()
                .endPath()
                .endHttp()
                .endRule()
                .endSpec()
                .build())
        .createOr(NonDeletingOperation::update);
    KubernetesControlPlane.await(
        "Deployment " + ns + "/" + name + " available", 90, () -> available(ns, name) == replicas);
  }

  private void service(String ns, String name, Map<String, String> selector) {
    admin
        .services()
        .inNamespace(ns)
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .withSelector(selector)
                .addNewPort()
                .withPort(80)
                .withTargetPort(new IntOrString(8080))
                .endPort()
                .endSpec()
                .build())
        .createOr(NonDeletingOperation::update);
  }

  /**
   * Deletes the pods with these labels: their ReplicaSet makes new ones, which take their start
   * delay to be ready.
   */
  void deletePods(String ns, Map<String, String> labels) {
    admin.pods().inNamespace(ns).withLabels(labels).delete();
  }

  Deployment deployment(String ns, String name) {
    return admin.apps().deployments().inNamespace(ns).withName(name).get();
  }

  /**
   * Available replicas as the Deployment controller reports them (0 for a Deployment that does not
   * exist).
   */
  int available(String ns, String name) {
    Deployment d = deployment(ns, name);
    return d == null || d.getStatus() == null
        ? 0
        : Objects.requireNonNullElse(d.getStatus().getAvailableReplicas(), 0);
  }

  /** The Jobs in {@code ns}. */
  List<Job> jobs(String ns) {
    return admin.batch().v1().jobs().inNamespace(ns).list().getItems();
  }

  int replicas(String ns, String name) {
    Deployment d = deployment(ns, name);
    return d == null ? 0 : Objects.requireNonNullElse(d.getSpec().getReplicas(), 1);
  }

  String image(String ns, String name) {
    return deployment(ns, name).getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
  }

  /** The HTTPRoute's backendRefs as read back: Service name to weight. */
  Map<String, Integer> routeWeights(String ns, String name) {
    HTTPRoute route = admin.resources(HTTPRoute.class).inNamespace(ns).withName(name).get();
    Map<String, Integer> weights = new java.util.TreeMap<>();
    route
        .getSpec()
        .getRules()
        .get(0)
        .getBackendRefs()
        .forEach(b -> weights.put(b.getName(), b.getWeight()));
    return weights;
  }

  /** The service's HTTPRoute as read back. */
  HTTPRoute route(String ns, String name) {
    return admin.resources(HTTPRoute.class).inNamespace(ns).withName(name).get();
  }

  /** The canary Ingress as read back, or null. */
  Ingress canaryIngress(String ns, String name) {
    return admin.network().v1().ingresses().inNamespace(ns).withName(name + "-canary").get();
  }

  private List<HasMetadata> load(byte[] yaml) {
    return admin.load(new ByteArrayInputStream(yaml)).items();
  }

  private static byte[] kustomize(Path dir) throws Exception {
    Process p =
        new ProcessBuilder("kubectl", "kustomize", dir.toString())
            .redirectErrorStream(true)
            .start();
    byte[] out = p.getInputStream().readAllBytes();
    if (p.waitFor() != 0) {
      throw new IllegalStateException(
          "kubectl kustomize " + dir + " failed: " + new String(out, StandardCharsets.UTF_8));
    }
    return out;
  }
}
