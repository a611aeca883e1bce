package io.rollwright.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rollwright.policy.Gate;
import io.rollwright.policy.GateType;
import io.rollwright.policy.TimeoutAction;
import io.rollwright.policy.Violation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrainPlanTest {
  private static TrainRequest.Release car(String service, String... after) {
    return new TrainRequest.Release(
        service, "2.0.0", "registry.example/" + service + ":2.0.0", null, null, List.of(after));
  }

  private static TrainRequest train(TrainRequest.Release... releases) {
    return new TrainRequest("q4", "prod", "alice", null, null, List.of(releases));
  }

  @Test
  void servicesStartOnceThoseTheyGoAfterArePromoted() {
    TrainPlan plan =
        TrainPlan.of(train(car("db"), car("api", "db"), car("web", "api", "db"), car("docs")));

    assertEquals(List.of("db", "docs"), names(plan.ready(Set.of(), Set.of())));
    assertEquals(List.of(), names(plan.ready(Set.of("db", "docs"), Set.of("docs"))));
    assertEquals(List.of("api"), names(plan.ready(Set.of("db", "docs"), Set.of("db", "docs"))));
    assertEquals(
        List.of("web"),
        names(plan.ready(Set.of("db", "docs", "api"), Set.of("db", "docs", "api"))));
  }

  @Test
  void everyBrokenRuleIsNamedWithItsField() {
    assertEquals(
        List.of(
            new Violation("releases[1].version", "is required and must not be empty"),
            new Violation("releases[2].service", "db is already releases[0]"),
            new Violation("releases[0].after", "db cannot go after itself"),
            new Violation(
                "releases[1].after", "'cache' is not a service of this train ([db, api])")),
        TrainPlan.check(
            train(
                car("db", "db"),
                new TrainRequest.Release(
                    "api", null, "registry.example/api", null, null, List.of("cache")),
                car("db"))));
    assertEquals(
        List.of(new Violation("releases", "is required: at least one service's release")),
        TrainPlan.check(train()));
    assertEquals(
        List.of("name", "requestedBy"),
        TrainPlan.check(new TrainRequest("Q4!", "prod", null, null, null, List.of(car("db"))))
            .stream()
            .map(Violation::field)
            .toList());
  }

  private static TrainRequest.Release waitingFor(Duration bake, Gate gate) {
    TrainRequest.Release api = car("api", "db");
    return new TrainRequest.Release(
        "api", api.version(), api.image(), null, null, api.after(), null, bake, gate);
  }

  @Test
  void aBakeAndAGateAreCheckedAsAPolicysAreTheirGroupsOnceTheServiceIsKnown() {
    Gate noTimeout =
        new Gate(GateType.APPROVAL, 1, List.of("carol"), null, null, null, TimeoutAction.REJECT);
    Gate noQuorum =
        new Gate(
            GateType.APPROVAL,
            2,
            List.of("carol"),
            null,
            null,
            Duration.ofHours(1),
            TimeoutAction.REJECT);
    Gate ofGroup =
        new Gate(
            GateType.APPROVAL,
            1,
            null,
            List.of("sre"),
            null,
            Duration.ofHours(1),
            TimeoutAction.REJECT);

    assertEquals(
        List.of(
            new Violation("releases[1].bake", "must be between 0s and 7d (got 8d)"),
            new Violation(
                "releases[1].gate.timeout", "is required for an approval gate (e.g. 2h)")),
        TrainPlan.check(train(car("db"), waitingFor(Duration.ofDays(8), noTimeout))));
    assertEquals(
        List.of(
            new Violation(
                "releases[1].gate.required",
                "2 approvals required but only 1 allowed approver(s) [carol] — add approvers or"
                    + " group members")),
        TrainPlan.check(train(car("db"), waitingFor(null, noQuorum))));
    assertEquals(
        List.of(), TrainPlan.check(train(car("db"), waitingFor(Duration.ofHours(1), ofGroup))));
  }

  @Test
  void aTrainEitherRollsBackWhatItPromotedOrKeepsIt() {
    TrainRequest.Release db = car("db");
    assertEquals(
        List.of(),
        TrainPlan.check(new TrainRequest("q4", "prod", "alice", null, null, List.of(db), "keep")));
    assertEquals(
        List.of(new Violation("onFailure", "'undo-all' is not one of rollback, keep")),
        TrainPlan.check(
            new TrainRequest("q4", "prod", "alice", null, null, List.of(db), "undo-all")));
  }

  @Test
  void aCircleIsRefusedNamingItsServices() {
    assertEquals(
        List.of(
            new Violation(
                "releases",
                "the order goes round in a circle: api after web after cache after api")),
        TrainPlan.check(
            train(car("db"), car("api", "db", "web"), car("web", "cache"), car("cache", "api"))));
  }

  @Test
  void aTrainCarriesAtMostThirtyReleases() {
    List<TrainRequest.Release> many = new ArrayList<>();
    for (int i = 0; i < 31; i++) {
      many.add(car("s" + i));
    }
    assertEquals(
        List.of(new Violation("releases", "31 releases, at most 30")),
        TrainPlan.check(new TrainRequest("q4", "prod", "alice", null, null, many)));
  }

  private static TrainRequest.Release to(String environment, String... after) {
    return new TrainRequest.Release(
        "checkout",
        "2.0.0",
        "registry.example/checkout:2.0.0",
        null,
        null,
        List.of(after),
        environment);
  }

  /** Train checkout-2, from staging. */
  private static TrainRequest waves(TrainRequest.Release... releases) {
    return new TrainRequest("checkout-2", "staging", "alice", null, null, List.of(releases));
  }

  @Test
  void wavesAreReleasesOfOneServiceToSeveralEnvironmentsEachWaveAfterTheOneBefore() {
    TrainRequest waves =
        waves(
            to(null),
            to("prod-us", "checkout@staging"),
            to("prod-eu", "checkout@prod-us"),
            to("prod-ap", "checkout@prod-us"));
    TrainPlan plan = TrainPlan.of(waves);

    assertEquals(List.of("checkout"), labels(waves, plan.ready(Set.of(), Set.of())));
    assertEquals(
        List.of("checkout@prod-us"),
        labels(waves, plan.ready(Set.of("checkout"), Set.of("checkout"))));
    assertEquals(
        List.of("checkout@prod-eu", "checkout@prod-ap"),
        labels(
            waves,
            plan.ready(
                Set.of("checkout", "checkout@prod-us"), Set.of("checkout", "checkout@prod-us"))));
    assertEquals("prod-eu", waves.request(waves.releases().get(2)).environment());
    assertEquals("checkout@prod-eu", waves.request(waves.releases().get(2)).releaseId());
  }

  @Test
  void aWaveNamesWhichReleaseOfAServiceItGoesAfterAndEachEnvironmentOnce() {
    TrainRequest ambiguous =
        waves(to(null), to("prod-us"), to("prod-eu", "checkout"), to("prod-us"), to("Prod EU"));

    assertEquals(
        List.of(
            new Violation("releases[3].service", "checkout@prod-us is already releases[1]"),
            new Violation(
                "releases[4].environment",
                TrainPlan.check(
                        new TrainRequest("x", "Prod EU", "alice", null, null, List.of(to(null))))
                    .get(0)
                    .rule()),
            new Violation(
                "releases[2].after",
                "'checkout' is released to several environments; name one of [checkout,"
                    + " checkout@prod-us, checkout@prod-eu, checkout@Prod EU]")),
        TrainPlan.check(ambiguous));
  }

  private static List<String> labels(TrainRequest t, List<TrainRequest.Release> releases) {
    return releases.stream().map(t::label).toList();
  }

  private static List<String> names(List<TrainRequest.Release> releases) {
    return releases.stream().map(TrainRequest.Release::service).toList();
  }
}
