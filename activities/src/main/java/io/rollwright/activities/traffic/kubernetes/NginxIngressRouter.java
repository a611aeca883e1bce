package io.rollwright.activities.traffic.kubernetes;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.rollwright.api.TrafficTarget;
import io.rollwright.policy.ReleasePolicy;
import io.rollwright.policy.Violations;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Splits traffic with ingress-nginx's canary Ingress: a copy of the service's Ingress named {@code
 * <service>-canary}, sending to the {@code <service>-canary} Service, annotated {@code canary:
 * "true"} with {@code canary-weight} out of {@code canary-weight-total} 10000. A stage's cohorts
 * are sent to the canary by {@code canary-by-header: x-cohort} with the cohort as {@code
 * canary-by-header-value}, or several as {@code canary-by-header-pattern}. Cohorts in a cookie are
 * matched by {@code canary-by-header: Cookie} and a pattern on the cookie's value: {@code
 * canary-by-cookie} only knows the values {@code always} and {@code never}, so it cannot tell one
 * cohort from another. The canary gets traffic only once its Deployment is available.
 */
public final class NginxIngressRouter implements KubernetesRouter {
  static final String CANARY = "nginx.ingress.kubernetes.io/canary";
  static final String WEIGHT = "nginx.ingress.kubernetes.io/canary-weight";
  static final String WEIGHT_TOTAL = "nginx.ingress.kubernetes.io/canary-weight-total";
  static final String BY_HEADER = "nginx.ingress.kubernetes.io/canary-by-header";
  static final String BY_HEADER_VALUE = "nginx.ingress.kubernetes.io/canary-by-header-value";
  static final String BY_HEADER_PATTERN = "nginx.ingress.kubernetes.io/canary-by-header-pattern";

  private final KubernetesClient client;
  private final DeploymentRollout rollout;
  private final CohortMatch match;

  NginxIngressRouter(KubernetesClient client, DeploymentRollout rollout, CohortMatch match) {
    this.client = client;
    this.rollout = rollout;
    this.match = match;
  }

  @Override
  public List<KubernetesPermissions.Permission> permissions() {
    return Stream.of("get", "create", "update", "delete")
        .map(verb -> new KubernetesPermissions.Permission("networking.k8s.io", "ingresses", verb))
        .toList();
  }

  @Override
  public String missingRoute(TrafficTarget t) {
    String ns = rollout.namespace(t);
    return client.network().v1().ingresses().inNamespace(ns).withName(t.service()).get() == null
        ? "Ingress " + ns + "/" + t.service()
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
    String ns = rollout.namespace(t);
    String what = "Ingress " + ns + "/" + t.service();
    Ingress stable =
        KubernetesCalls.required(
            what,
            KubernetesCalls.call(
                "read " + what,
                () ->
                    client.network().v1().ingresses().inNamespace(ns).withName(t.service()).get()));
    Ingress canaryIngress =
        new IngressBuilder(stable)
            .withNewMetadata()
            .withName(KubernetesNames.canary(t))
            .withNamespace(ns)
            .withLabels(stable.getMetadata().getLabels())
            .withAnnotations(stable.getMetadata().getAnnotations())
            .addToAnnotations(
                Map.of(
                    CANARY,
                    "true",
                    WEIGHT,
                    String.valueOf(canary),
                    WEIGHT_TOTAL,
                    String.valueOf(Weights.TOTAL),
                    KubernetesNames.RELEASE,
                    t.releaseId()))
            .endMetadata()
            .withStatus(null)
            .build();
    canaryIngress.getMetadata().getAnnotations().putAll(cohortAnnotations(match, t.cohorts()));
    canaryIngress
        .getSpec()
        .getRules()
        .forEach(
            rule ->
                rule.getHttp()
                    .getPaths()
                    .forEach(
                        path -> {
                          if (path.getBackend().getService() != null) {
                            path.getBackend()
                                .getService()
                                .setName(KubernetesNames.canaryService(t));
                          }
                        }));
    KubernetesCalls.run(
        "create or update Ingress " + ns + "/" + KubernetesNames.canary(t),
        () ->
            client.resource(canaryIngress).inNamespace(ns).createOr(NonDeletingOperation::update));
    Ingress applied = canaryIngress(ns, t);
    Map<String, String> wanted = cohortAnnotations(match, t.cohorts());
    if (applied == null
        || !wanted.entrySet().stream()
            .allMatch(
                e -> e.getValue().equals(applied.getMetadata().getAnnotations().get(e.getKey())))) {
      throw ApplicationFailure.newFailure(
          "Ingress " + KubernetesNames.canary(t) + " does not send cohorts " + t.cohorts(),
          "CohortsNotApplied");
    }
    return Weights.percent(canary);
  }

  /** The annotations that send {@code cohorts}, as {@code match} tells them, to the canary. */
  static Map<String, String> cohortAnnotations(CohortMatch match, List<String> cohorts) {
    if (cohorts.isEmpty()) {
      return Map.of();
    }
    return cohorts.size() == 1 && match.exact()
        ? Map.of(BY_HEADER, match.header(), BY_HEADER_VALUE, cohorts.get(0))
        : Map.of(BY_HEADER, match.header(), BY_HEADER_PATTERN, match.pattern(cohorts));
  }

  private Ingress canaryIngress(String ns, TrafficTarget t) {
    return KubernetesCalls.call(
        "read Ingress " + ns + "/" + KubernetesNames.canary(t),
        () ->
            client
                .network()
                .v1()
                .ingresses()
                .inNamespace(ns)
                .withName(KubernetesNames.canary(t))
                .get());
  }

  @Override
  public double verifyWeight(TrafficTarget t) {
    Ingress canary = canaryIngress(rollout.namespace(t), t);
    if (canary == null || !"true".equals(canary.getMetadata().getAnnotations().get(CANARY))) {
      return 0;
    }
    Map<String, String> a = canary.getMetadata().getAnnotations();
    return Integer.parseInt(a.getOrDefault(WEIGHT, "0"))
        * 100.0
        / Integer.parseInt(a.getOrDefault(WEIGHT_TOTAL, "100"));
  }

  @Override
  public void removeManagedRoutes(TrafficTarget t) {
    String ns = rollout.namespace(t);
    KubernetesCalls.run(
        "delete Ingress " + ns + "/" + KubernetesNames.canary(t),
        () ->
            client
                .network()
                .v1()
                .ingresses()
                .inNamespace(ns)
                .withName(KubernetesNames.canary(t))
                .delete());
  }
}
