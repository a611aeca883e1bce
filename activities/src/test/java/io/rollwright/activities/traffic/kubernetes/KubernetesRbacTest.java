package io.rollwright.activities.traffic.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.rollwright.activities.base.SystemActivityClock;
import io.rollwright.api.TrafficActivities;
import io.rollwright.api.TrafficTarget;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  private static final Pattern PATH =
      Pattern.compile(
          "/apis?(?:/([^/]+))?/v[^/]+/namespaces/[^/]+/([^/?]+)(/[^/?]+)?(/[^/?]+)?(\\?.*)?");

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
                router);
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

  /** "verb group/resource" for every request the activities made. */
  private Set<String> used() throws InterruptedException {
    Set<String> used = new TreeSet<>();
    RecordedRequest r;
    while ((r = server.takeRequest(100, TimeUnit.MILLISECONDS)) != null) {
      if (!KubernetesTestActivities.USER_AGENT.equals(r.getHeader("User-Agent"))) {
        continue;
      }
      Matcher m = PATH.matcher(r.getPath());
      if (!m.matches()) {
        throw new AssertionError("unexpected API path " + r.getPath());
      }
      String group = m.group(1) == null ? "" : m.group(1);
      String resource = m.group(2) + (m.group(4) == null ? "" : m.group(4));
      boolean named = m.group(3) != null;
      String verb =
          switch (r.getMethod()) {
            case "GET" -> named ? "get" : (r.getPath().contains("watch=true") ? "watch" : "list");
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> named ? "delete" : "deletecollection";
            default -> throw new AssertionError("unexpected method " + r.getMethod());
          };
      used.add(verb + " " + group + "/" + resource);
    }
    return used;
  }

  private static Set<String> granted() throws Exception {
    try (InputStream in = Files.newInputStream(ROLE)) {
      Role role = Serialization.unmarshal(in, Role.class);
      Set<String> granted = new TreeSet<>();
      for (PolicyRule rule : role.getRules()) {
        for (String group : rule.getApiGroups()) {
          for (String resource : rule.getResources()) {
            for (String verb : rule.getVerbs()) {
              granted.add(verb + " " + group + "/" + resource);
            }
          }
        }
      }
      return granted;
    }
  }
}
