package io.rollwright.activities.traffic.kubernetes;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRefBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rollwright.api.TrafficTarget;
import io.rollwright.policy.ReleasePolicy;
import io.rollwright.policy.Violations;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Objects;

/**
 * Splits traffic with the backendRef weights of a Gateway API {@code HTTPRoute} named after the
 * service: {@code <service>-stable} and {@code <service>-canary}. Weights are written per ten
 * thousand, so 0.5% is exact. A stage's cohorts get rules of their own that send every request with
 * their {@code x-cohort} header, or their cookie, to the canary ({@link GatewayCohortRules}). The
 * canary gets traffic only once its Deployment is available.
 */
public final class GatewayApiRouter implements KubernetesRouter {
  private static final List<KubernetesPermissions.Permission> PERMISSIONS =
      List.of(
          new KubernetesPermissions.Permission("gateway.networking.k8s.io", "httproutes", "get"),
          new KubernetesPermissions.Permission("gateway.networking.k8s.io", "httproutes", "patch"));

  private final KubernetesClient client;
  private final DeploymentRollout rollout;
  private final GatewayCohortRules cohortRules;

  GatewayApiRouter(KubernetesClient client, DeploymentRollout rollout, CohortMatch match) {
    this.client = client;
    this.rollout = rollout;
    this.cohortRules = new GatewayCohortRules(match);
  }

  @Override
  public List<KubernetesPermissions.Permission> permissions() {
    return PERMISSIONS;
  }

  @Override
  public String missingRoute(TrafficTarget t) {
    String ns = rollout.namespace(t);
    return client.resources(HTTPRoute.class).inNamespace(ns).withName(t.service()).get() == null
        ? "HTTPRoute " + ns + "/" + t.service()
        : null;
  }

  @Override
  public void checkSettings(String field, ReleasePolicy policy, Violations v) {
    Weights.checkExpressible(field, policy, v);
  }

  @Override
  public boolean routesCohorts() {
    return true;
  }

  @Override
  public double setWeight(TrafficTarget t, double weight) {
    int canary = Weights.perTenThousand(weight);
    if (canary > 0 || !t.cohorts().isEmpty()) {
      rollout.awaitServing(rollout.namespace(t), KubernetesNames.canary(t));
    }
    edit(
        t,
        t.cohorts(),
        rule -> {
          HTTPBackendRef stable = ref(rule, KubernetesNames.stableService(t));
          HTTPBackendRef canaryRef =
              rule.getBackendRefs().stream()
                  .filter(r -> KubernetesNames.canaryService(t).equals(r.getName()))
                  .findFirst()
                  .orElse(null);
          if (canaryRef == null) {
            canaryRef =
                new HTTPBackendRefBuilder(stable)
                    .withName(KubernetesNames.canaryService(t))
                    .build();
            rule.getBackendRefs().add(canaryRef);
          }
          stable.setWeight(Weights.TOTAL - canary);
          canaryRef.setWeight(canary);
        });
    List<String> routed =
        cohortRules.routed(route(t).getSpec().getRules(), KubernetesNames.canaryService(t));
    if (!routed.equals(t.cohorts())) {
      throw ApplicationFailure.newFailure(
          "HTTPRoute " + t.service() + " sends cohorts " + routed + ", not " + t.cohorts(),
          "CohortsNotApplied");
    }
    return Weights.percent(canary);
  }

  @Override
  public double verifyWeight(TrafficTarget t) {
    HTTPRouteRule rule = rule(route(t), t);
    int stable = weight(ref(rule, KubernetesNames.stableService(t)));
    int canary =
        rule.getBackendRefs().stream()
            .filter(r -> KubernetesNames.canaryService(t).equals(r.getName()))
            .mapToInt(GatewayApiRouter::weight)
            .sum();
    return stable + canary == 0 ? 0 : canary * 100.0 / (stable + canary);
  }

  @Override
  public void removeManagedRoutes(TrafficTarget t) {
    edit(
        t,
        List.of(),
        rule -> {
          rule.getBackendRefs().removeIf(r -> KubernetesNames.canaryService(t).equals(r.getName()));
          ref(rule, KubernetesNames.stableService(t)).setWeight(Weights.TOTAL);
        });
  }

  /** Changes the stable rule with {@code change} and makes {@code cohorts} the cohort rules. */
  private void edit(
      TrafficTarget t, List<String> cohorts, java.util.function.Consumer<HTTPRouteRule> change) {
    String what = "HTTPRoute " + rollout.namespace(t) + "/" + t.service();
    route(t);
    KubernetesCalls.run(
        "update " + what,
        () ->
            client
                .resources(HTTPRoute.class)
                .inNamespace(rollout.namespace(t))
                .withName(t.service())
                .edit(
                    r -> {
                      HTTPRouteRule stable = rule(r, t);
                      change.accept(stable);
                      cohortRules.sync(
                          r.getSpec().getRules(),
                          stable,
                          ref(stable, KubernetesNames.stableService(t)),
                          KubernetesNames.canaryService(t),
                          cohorts);
                      return r;
                    }));
  }

  private HTTPRoute route(TrafficTarget t) {
    String what = "HTTPRoute " + rollout.namespace(t) + "/" + t.service();
    return KubernetesCalls.required(
        what,
        KubernetesCalls.call(
            "read " + what,
            () ->
                client
                    .resources(HTTPRoute.class)
                    .inNamespace(rollout.namespace(t))
                    .withName(t.service())
                    .get()));
  }

  /** The rule that routes to the stable Service. */
  private static HTTPRouteRule rule(HTTPRoute route, TrafficTarget t) {
    List<HTTPRouteRule> rules = Objects.requireNonNullElse(route.getSpec().getRules(), List.of());
    return KubernetesCalls.required(
        "a rule of HTTPRoute "
            + t.service()
            + " with backendRef "
            + KubernetesNames.stableService(t),
        rules.stream()
            .filter(
                r ->
                    r.getBackendRefs() != null
                        && r.getBackendRefs().stream()
                            .anyMatch(b -> KubernetesNames.stableService(t).equals(b.getName())))
            .findFirst()
            .orElse(null));
  }

  private static HTTPBackendRef ref(HTTPRouteRule rule, String name) {
    return rule.getBackendRefs().stream()
        .filter(r -> name.equals(r.getName()))
        .findFirst()
        .orElseThrow();
  }

  private static int weight(HTTPBackendRef ref) {
    return ref.getWeight() == null ? 1 : ref.getWeight();
  }
}
