package io.rollwright.activities.traffic.kubernetes;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRefBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatchBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRuleBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The rules of an {@code HTTPRoute} that send cohorts to the canary: one per cohort, matching what
 * the stable rule matches and the cohort's header ({@code x-cohort: internal_test}, exact; or a
 * regular expression on {@code Cookie} for a cohort in a cookie), with the canary Service as its
 * only backend. A header match makes a rule more specific than the stable rule, so Gateway API
 * implementations prefer it for the cohort's requests.
 */
final class GatewayCohortRules {
  private final CohortMatch match;

  GatewayCohortRules(CohortMatch match) {
    this.match = match;
  }

  /**
   * Makes the cohort rules of {@code rules} exactly those of {@code cohorts}, each built from
   * {@code stable} (the rule routing to the stable Service) and {@code stableRef}.
   */
  void sync(
      List<HTTPRouteRule> rules,
      HTTPRouteRule stable,
      HTTPBackendRef stableRef,
      String canaryService,
      List<String> cohorts) {
    rules.removeIf(r -> isCohortRule(r, canaryService));
    for (String cohort : cohorts) {
      List<HTTPRouteMatch> base =
          stable.getMatches() == null || stable.getMatches().isEmpty()
              ? List.of(new HTTPRouteMatch())
              : stable.getMatches();
      List<HTTPRouteMatch> matches = new ArrayList<>();
      for (HTTPRouteMatch m : base) {
        List<HTTPHeaderMatch> headers =
            new ArrayList<>(Objects.requireNonNullElse(m.getHeaders(), List.of()));
        headers.add(
            new HTTPHeaderMatch(
                match.header(),
                match.exact() ? "Exact" : "RegularExpression",
                match.value(cohort)));
        matches.add(new HTTPRouteMatchBuilder(m).withHeaders(headers).build());
      }
      rules.add(
          new HTTPRouteRuleBuilder()
              .withMatches(matches)
              .withBackendRefs(
                  new HTTPBackendRefBuilder(stableRef)
                      .withName(canaryService)
                      .withWeight(1)
                      .build())
              .build());
    }
  }

  /** The cohorts {@code rules} send to the canary, in order. */
  List<String> routed(List<HTTPRouteRule> rules, String canaryService) {
    return rules.stream()
        .filter(r -> isCohortRule(r, canaryService))
        .map(
            r ->
                r.getMatches().get(0).getHeaders().stream()
                    .filter(h -> match.header().equalsIgnoreCase(h.getName()))
                    .map(h -> match.cohortOf(h.getValue()))
                    .findFirst()
                    .orElse(""))
        .toList();
  }

  private static boolean isCohortRule(HTTPRouteRule r, String canaryService) {
    return r.getBackendRefs() != null
        && r.getBackendRefs().size() == 1
        && canaryService.equals(r.getBackendRefs().get(0).getName())
        && r.getMatches() != null
        && !r.getMatches().isEmpty()
        && r.getMatches().get(0).getHeaders() != null
        && !r.getMatches().get(0).getHeaders().isEmpty();
  }
}
