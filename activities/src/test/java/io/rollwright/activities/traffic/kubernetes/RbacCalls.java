package io.rollwright.activities.traffic.kubernetes;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a shipped Role grants and what the mock API server was asked, both as {@code "verb
 * group/resource"}, so a test can compare the two.
 */
final class RbacCalls {
  private static final Pattern PATH =
      Pattern.compile(
          "/apis?(?:/([^/]+))?/v[^/]+/namespaces/[^/]+/([^/?]+)(/[^/?]+)?(/[^/?]+)?(\\?.*)?");

  private RbacCalls() {}

  /** Every request {@code server} received from a client identifying itself as {@code agent}. */
  static Set<String> used(KubernetesMockServer server, String agent) throws InterruptedException {
    Set<String> used = new TreeSet<>();
    RecordedRequest r;
    while ((r = server.takeRequest(100, TimeUnit.MILLISECONDS)) != null) {
      if (!agent.equals(r.getHeader("User-Agent"))) {
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

  /** Every verb on every resource the Role in {@code file} grants. */
  static Set<String> granted(Path file) throws Exception {
    try (InputStream in = Files.newInputStream(file)) {
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
