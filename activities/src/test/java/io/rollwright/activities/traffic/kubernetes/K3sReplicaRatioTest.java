package io.rollwright.activities.traffic.kubernetes;

import static io.rollwright.activities.traffic.kubernetes.KubernetesFixture.NS;
import static io.rollwright.activities.traffic.kubernetes.KubernetesFixture.SERVICE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.rollwright.activities.base.Registry;
import io.rollwright.activities.base.SystemActivityClock;
import io.rollwright.activities.traffic.TrafficActivitiesImpl;
import io.rollwright.api.TrafficActivities;
import io.rollwright.api.TrafficTarget;
import io.temporal.activity.ActivityOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The replica-ratio path end to end on a real cluster (k3s in a container): real Deployment
 * controller, real readiness. Runs where a Docker engine exists; skipped, saying so, where none
 * does.
 */
@Testcontainers(disabledWithoutDocker = true)
class K3sReplicaRatioTest {
  @Container
  static final K3sContainer K3S =
      new K3sContainer(DockerImageName.parse("rancher/k3s:v1.33.5-k3s1"));

  @Test
  void replicaRatioReleaseOnARealCluster() {
    try (KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(K3S.getKubeConfigYaml()))
            .build()) {
      client
          .namespaces()
          .resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
          .create();
      client
          .apps()
          .deployments()
          .inNamespace(NS)
          .resource(KubernetesFixture.stableDeployment(2, "nginx:1.27-alpine"))
          .create();
      client
          .apps()
          .deployments()
          .inNamespace(NS)
          .withName(SERVICE)
          .waitUntilReady(3, TimeUnit.MINUTES);
      Kubernetes kubernetes =
          new Kubernetes(
              client, new SystemActivityClock(), Duration.ofMinutes(3), Duration.ofSeconds(1));
      TestActivityEnvironment env = TestActivityEnvironment.newInstance();
      env.registerActivitiesImplementations(
          new TrafficActivitiesImpl(
              new Registry<>("traffic router", kubernetes.routers()),
              new Registry<>("workload manager", kubernetes.workloads())));
      TrafficActivities traffic =
          env.newActivityStub(
              TrafficActivities.class,
              ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(5)).build());
      TrafficTarget t =
          new TrafficTarget(
              "checkout@prod",
              SERVICE,
              NS,
              "1.28",
              "nginx:1.28-alpine",
              Kubernetes.REPLICA_RATIO,
              null,
              null,
              null);

      traffic.deployCanary(t);
      assertEquals(50.0, traffic.setWeight(t, 50), 0.001);
      traffic.promote(t);

      assertEquals(
          "nginx:1.28-alpine",
          client
              .apps()
              .deployments()
              .inNamespace(NS)
              .withName(SERVICE)
              .get()
              .getSpec()
              .getTemplate()
              .getSpec()
              .getContainers()
              .get(0)
              .getImage());
      assertEquals(
          2,
          client
              .apps()
              .deployments()
              .inNamespace(NS)
              .withName(SERVICE)
              .get()
              .getSpec()
              .getReplicas());
      assertEquals(
          0,
          client
              .apps()
              .deployments()
              .inNamespace(NS)
              .withName(SERVICE + "-canary")
              .get()
              .getSpec()
              .getReplicas());
      env.close();
    }
  }
}
