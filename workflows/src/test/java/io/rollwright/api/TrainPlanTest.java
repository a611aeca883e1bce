package io.rollwright.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rollwright.policy.Violation;
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

  private static List<String> names(List<TrainRequest.Release> releases) {
    return releases.stream().map(TrainRequest.Release::service).toList();
  }
}
