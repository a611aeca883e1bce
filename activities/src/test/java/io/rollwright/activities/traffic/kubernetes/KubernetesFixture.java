package io.rollwright.activities.traffic.kubernetes;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A service as a platform team sets it up for Rollwright, in the mock API server: the stable
 * Deployment ({@code track: stable}, 4 replicas), its Services, an HTTPRoute and an Ingress. Stands
 * in for the Deployment controller by marking every Deployment rolled out.
 */
public final class KubernetesFixture implements AutoCloseable {
  public static final String NS = "prod";
  public static final String SERVICE = "checkout";
  public static final String OLD_IMAGE = "registry.example/checkout:2.2.0";

  private final KubernetesClient client;
  private final ScheduledExecutorService controller = Executors.newSingleThreadScheduledExecutor();

  public KubernetesFixture(KubernetesClient client) {
    this.client = client;
    client.apps().deployments().inNamespace(NS).resource(stableDeployment(4, OLD_IMAGE)).create();
    for (String name : new String[] {SERVICE + "-stable", SERVICE + "-canary"}) {
      client
          .services()
          .inNamespace(NS)
          .resource(
              new ServiceBuilder()
                  .withNewMetadata()
                  .withName(name)
                  .endMetadata()
                  .withNewSpec()
                  .addToSelector("app", SERVICE)
                  .addNewPort()
                  .withPort(80)
                  .withTargetPort(new IntOrString(8080))
                  .endPort()
                  .endSpec()
                  .build())
          .create();
    }
    client
        .resources(io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute.class)
        .inNamespace(NS)
        .resource(
            new HTTPRouteBuilder()
                .withNewMetadata()
                .withName(SERVICE)
                .endMetadata()
                .withNewSpec()
                .addNewParentRef()
                .withName("public")
                .endParentRef()
                .addNewRule()
                .addNewBackendRef()
                .withName(SERVICE + "-stable")
                .withPort(80)
                .withWeight(1)
                .endBackendRef()
                .endRule()
                .endSpec()
                .build())
        .create();
    client
        .network()
        .v1()
        .ingresses()
        .inNamespace(NS)
        .resource(
            new IngressBuilder()
                .withNewMetadata()
                .withName(SERVICE)
                .addToAnnotations("kubernetes.io/ingress.class", "nginx")
                .endMetadata()
                .withNewSpec()
                .addNewRule()
                .withHost("checkout.example")
                .withNewHttp()
                .addNewPath()
                .withPath("/")
                .withPathType("Prefix")
                .withNewBackend()
                .withNewService()
                .withName(SERVICE + "-stable")
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
        .create();
    Future<?> unused =
        controller.scheduleWithFixedDelay(this::rollOut, 0, 20, TimeUnit.MILLISECONDS);
  }

  /**
   * The service's stable Deployment as a platform team sets it up: pods labelled {@code app} and
   * {@code track: stable}.
   */
  public static Deployment stableDeployment(int replicas, String image) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(SERVICE)
        .withNamespace(NS)
        .addToLabels("app", SERVICE)
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withNewSelector()
        .addToMatchLabels("app", SERVICE)
        .addToMatchLabels("track", "stable")
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("app", SERVICE)
        .addToLabels("track", "stable")
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName(SERVICE)
        .withImage(image)
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  /** What the Deployment controller would report once pods are up. */
  private void rollOut() {
    try {
      for (Deployment d : client.apps().deployments().inNamespace(NS).list().getItems()) {
        int want = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        long generation =
            d.getMetadata().getGeneration() == null ? 1 : d.getMetadata().getGeneration();
        if (d.getStatus() == null
            || d.getStatus().getObservedGeneration() == null
            || d.getStatus().getObservedGeneration() < generation
            || !Integer.valueOf(want).equals(d.getStatus().getAvailableReplicas())) {
          d.setStatus(
              new DeploymentStatusBuilder()
                  .withObservedGeneration(generation)
                  .withReplicas(want)
                  .withUpdatedReplicas(want)
                  .withAvailableReplicas(want)
                  .withReadyReplicas(want)
                  .build());
          client.apps().deployments().inNamespace(NS).resource(d).updateStatus();
        }
      }
    } catch (RuntimeException e) {
      // the next round tries again, as a controller would
    }
  }

  public Deployment deployment(String name) {
    return client.apps().deployments().inNamespace(NS).withName(name).get();
  }

  public int replicas(String name) {
    Deployment d = deployment(name);
    return d == null ? 0 : d.getSpec().getReplicas();
  }

  public String image(String name) {
    return deployment(name).getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
  }

  @Override
  public void close() {
    controller.shutdownNow();
  }
}
