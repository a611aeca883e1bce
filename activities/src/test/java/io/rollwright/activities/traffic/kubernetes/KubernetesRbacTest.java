package io.rollwright.activities.traffic.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.rollwright.activities.base.SystemActivityClock;
import io.rollwright.api.TrafficActivities;
import io.rollwright.api.TrafficTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The Role in deploy/ grants exactly the API calls the routers and the canary workload make: every
 * request of two releases per router (one promoted, one rolled back) is recorded from the mock API
 * server (two stages each, as a real release has) and compared with the Role's rules. Nothing
 * granted is unused; nothing used is missing.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesRbacTest {
  private static final Path ROLE =
      Path.of("..", "deploy", "kubernetes", "target-namespace", "role.yaml");

  KubernetesMockServer server;
  KubernetesClient client;

  @Test
  void roleGrantsExactlyWhatTheRoutersCall() throws Exception {
    try (KubernetesFixture cluster = new KubernetesFixture(client);
        KubernetesTestActivities activities = new KubernetesTestActivities(client)) {
      TrafficActivities traffic = activities.traffic();
      for (String router :
          new String[] {
            Kubernetes.REPLICA_RATIO, Kubernetes.GATEWAY_API, Kubernetes.NGINX_INGRESS
          }) {
        TrafficTarget t =
            new TrafficTarget(
                "checkout@prod",
                "checkout",
                "prod",
                "2.3.0",
                "registry.example/checkout:2.3.0",
                router,
                null,
                null,
                null);
        traffic.deployCanary(t);
        traffic.setWeight(t, 5);
        traffic.setWeight(t, 25);
        traffic.promote(t);
        traffic.deployCanary(t);
        traffic.setWeight(t, 5);
        traffic.setWeight(t, 25);
        traffic.rollback(t);
      }
    }
    assertEquals(granted(), used());
  }

  @Test
  void accessCheckAsksForExactlyWhatTheRoleGrants() throws Exception {
    Set<String> asked = new TreeSet<>();
    for (String router :
        new String[] {Kubernetes.REPLICA_RATIO, Kubernetes.GATEWAY_API, Kubernetes.NGINX_INGRESS}) {
      KubernetesPermissions.needed(
              new Kubernetes(client, new SystemActivityClock(), Duration.ZERO, Duration.ZERO)
                  .router(router))
          .forEach(p -> asked.add(p.verb() + " " + p.group() + "/" + p.resource()));
    }
    assertEquals(granted(), asked);
  }

  private Set<String> used() throws InterruptedException {
    return RbacCalls.used(server, KubernetesTestActivities.USER_AGENT);
  }

  private static Set<String> granted() throws Exception {
    return RbacCalls.granted(ROLE);
  }
}
