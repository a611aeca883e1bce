package io.rollwright.system;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseResult;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Cohorts on the real Kubernetes control plane: stages that send {@code x-cohort: internal_test},
 * then {@code pilot} too, to the canary beside their share of everyone else, written as the API
 * server accepts them (HTTPRoute rules validated by the Gateway API CRDs, ingress-nginx canary
 * annotations) and read back; a promotion and a rollback both leave no cohort on the canary.
 * Cohorts in a cookie become a regular expression on the {@code Cookie} header, which the CRDs
 * accept too.
 */
class CohortIT extends RealClusterTest {

  @ParameterizedTest
  @CsvSource({"gateway-api, header", "nginx-ingress, header", "gateway-api, cookie"})
  void cohortsReachTheCanaryStageByStageAndLeaveWithItsRoutes(String router, String match)
      throws Exception {
    String ns = "cohorts-" + router + (match.equals("cookie") ? "-cookie" : "");
    cluster.releaseNamespace(ns);
    cluster.service(ns, "web", REPLICAS, image("web", OLD));
    cluster.service(ns, "pay", REPLICAS, image("pay", OLD));
    String policy = "cluster-cohorts-" + router;
    String duringPilot;
    ReleaseResult web;
    ReleaseResult pay;
    try (AppProcess worker =
        clusterWorker(
            ns,
            "--rollwright.sandbox.metrics[0]=pay canary error-rate = 0.002, 6s: 0.3",
            "--rollwright.kubernetes.cohorts.match=" + match)) {
      start(request(ns, "web", policy));
      start(request(ns, "pay", policy));
      await(
          "web's pilot stage",
          Duration.ofMinutes(1),
          () -> audited("web@" + ns, "stage pilot started"));
      duringPilot = cohorts(ns, "web", router);
      web = result("web@" + ns, Duration.ofMinutes(3));
      pay = result("pay@" + ns, Duration.ofMinutes(3));
    }
    assertAll(
        () ->
            assertEquals(
                switch (router + " " + match) {
                  case "gateway-api header" ->
                      "x-cohort Exact internal_test→web-canary, x-cohort Exact pilot→web-canary";
                  case "gateway-api cookie" ->
                      "Cookie RegularExpression (^|;\\s*)rollwright_cohort=(internal_test)(;|$)"
                          + "→web-canary, Cookie RegularExpression"
                          + " (^|;\\s*)rollwright_cohort=(pilot)(;|$)→web-canary";
                  default -> "x-cohort ^(internal_test|pilot)$";
                },
                duringPilot,
                "both cohorts on the canary during the pilot stage"),
        () -> assertEquals(ReleaseOutcome.PROMOTED, web.outcome(), web::toString),
        () -> assertEquals("", cohorts(ns, "web", router), "no cohort left after promotion"),
        () -> assertEquals(ReleaseOutcome.ROLLED_BACK, pay.outcome(), pay::toString),
        () -> assertEquals("", cohorts(ns, "pay", router), "no cohort left after the rollback"),
        () ->
            assertEquals(
                router.equals("gateway-api") ? 1 : 0,
                router.equals("gateway-api")
                    ? cluster.route(ns, "pay").getSpec().getRules().size()
                    : (cluster.canaryIngress(ns, "pay") == null ? 0 : 1),
                "only the stable rule, or no canary Ingress, is left"));
  }

  /** How the cluster sends cohorts of {@code service} to its canary, as read back. */
  private static String cohorts(String ns, String service, String router) {
    if (router.equals("gateway-api")) {
      return cluster.route(ns, service).getSpec().getRules().stream()
          .filter(r -> r.getMatches() != null && !r.getMatches().isEmpty())
          .filter(r -> r.getMatches().get(0).getHeaders() != null)
          .map(CohortIT::describe)
          .filter(d -> !d.isEmpty())
          .collect(Collectors.joining(", "));
    }
    Ingress canary = cluster.canaryIngress(ns, service);
    if (canary == null) {
      return "";
    }
    Map<String, String> a = canary.getMetadata().getAnnotations();
    String by = a.get("nginx.ingress.kubernetes.io/canary-by-header");
    return by == null
        ? ""
        : by
            + " "
            + a.getOrDefault(
                "nginx.ingress.kubernetes.io/canary-by-header-value",
                a.getOrDefault("nginx.ingress.kubernetes.io/canary-by-header-pattern", ""));
  }

  private static String describe(HTTPRouteRule r) {
    return r.getMatches().get(0).getHeaders().stream()
        .filter(h -> h.getName().equalsIgnoreCase("x-cohort") || h.getName().equals("Cookie"))
        .map(
            h ->
                h.getName()
                    + " "
                    + h.getType()
                    + " "
                    + h.getValue()
                    + "→"
                    + r.getBackendRefs().get(0).getName())
        .findFirst()
        .orElse("");
  }
}
