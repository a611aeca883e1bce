package io.rollwright.system;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.ReleaseResult;
import io.rollwright.client.DeliveryReport;
import io.rollwright.client.ReleaseHistory;
import io.rollwright.client.ReleaseRecord;
import io.rollwright.policy.Strategy;
import io.temporal.client.WorkflowFailedException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code rollwright rollback} on the real control plane and a real Temporal server: {@code shop}
 * runs 1.0.0 (deployed by hand), Rollwright promotes 1.5.0 and then 2.0.0 through HTTPRoute
 * weights, and a rollback with no version puts 1.5.0 back, found in release history with its image:
 * straight to 100%, watched 4 s with 2.0.0 kept at zero, then stable at 1.5.0, capacity whole
 * throughout. 1.0.0, never promoted through Rollwright, is refused naming what was.
 */
class RollbackIT extends RealClusterTest {
  private static final String NS = "undo";
  private static final String ROUTER = "gateway-api";

  @Test
  void aRollbackPutsBackThePreviouslyPromotedVersionAndRefusesOneNeverPromoted() throws Exception {
    Instant began = Instant.now();
    cluster.releaseNamespace(NS);
    cluster.service(NS, "shop", REPLICAS, image("shop", OLD));
    String id = "shop@" + NS;
    ReleaseResult undone;
    try (AppProcess worker = clusterWorker("undo")) {
      for (String version : List.of("1.5.0", NEW)) {
        start(request("shop", version, NS, "cluster-undo"));
        ReleaseResult promoted = result(id, Duration.ofMinutes(2));
        assertEquals(ReleaseOutcome.PROMOTED, promoted.outcome(), promoted::toString);
      }
      assertEquals(image("shop", NEW), cluster.image(NS, "shop"));
      try (ClusterSampler sampler = new ClusterSampler(cluster, NS, "shop", ROUTER, REPLICAS)) {
        Cli rollback =
            Cli.run(
                server,
                "rollback",
                "shop",
                "--env",
                NS,
                "--policy",
                "cluster-undo",
                "--requested-by",
                "oncall-sam",
                "--reason",
                "2.0.0 fails checkout at full load",
                "--wait");
        undone = result(id, Duration.ofSeconds(10));
        assertAll(
            () -> assertEquals(0, rollback.code(), rollback::toString),
            () ->
                assertTrue(rollback.out().contains("rollback from 2.0.0 to 1.5.0"), rollback::out),
            () -> assertEquals(ReleaseOutcome.PROMOTED, undone.outcome(), undone::toString),
            () ->
                assertEquals(
                    "rolled back to 1.5.0 and held through the bake of 4s", undone.detail()),
            () -> assertEquals(image("shop", "1.5.0"), cluster.image(NS, "shop")),
            () -> assertEquals(REPLICAS, cluster.available(NS, "shop")),
            () -> assertEquals(0, cluster.replicas(NS, "shop-canary")),
            () -> assertEquals(Map.of("shop-stable", 10_000), cluster.routeWeights(NS, "shop")),
            () ->
                assertTrue(
                    sampler.samples().stream()
                        .anyMatch(
                            s ->
                                s.weight() == 100
                                    && s.canaryAvailable() == REPLICAS
                                    && s.stableAvailable() == 0),
                    "watched with all traffic on 1.5.0 and 2.0.0 kept at zero"),
            () ->
                assertTrue(
                    sampler.samples().stream().noneMatch(s -> s.weight() > 0 && s.weight() < 100),
                    "no stages: " + sampler.weightsSeen()),
            () ->
                assertTrue(
                    sampler.minCapacity() >= 1.0,
                    "shop ran below its capacity: " + changes(sampler.samples())));
      }

      String refusedRun = start(rollback(OLD));
      WorkflowFailedException refused =
          assertThrows(
              WorkflowFailedException.class, () -> result(refusedRun, Duration.ofMinutes(1)));
      assertTrue(
          refused
              .getCause()
              .getMessage()
              .contains("1.0.0 was never promoted to undo for shop (promoted there: 1.5.0, 2.0.0)"),
          refused.getCause().getMessage());
      Cli alsoRefused =
          Cli.run(
              server,
              "rollback",
              "shop",
              "--env",
              NS,
              "--to",
              "2.0.0",
              "--image",
              "evil/shop:2",
              "--reason",
              "x",
              "--wait");
      assertEquals(1, alsoRefused.code(), alsoRefused::toString);
      assertTrue(
          alsoRefused.err().contains("2.0.0 was promoted to undo as registry.example/shop:2.0.0"),
          alsoRefused::toString);
      assertEquals(image("shop", "1.5.0"), cluster.image(NS, "shop"), "nothing moved");
    }

    List<ReleaseRecord> history = new ReleaseHistory(server.client()).list("shop", NS, began);
    DeliveryReport dora = DeliveryReport.of(history, began, Instant.now());
    assertAll(
        () -> assertEquals(1, dora.rollbacks(), history::toString),
        () -> assertEquals(1, dora.undone(), "2.0.0 was undone: " + history),
        () -> assertEquals(2, dora.promoted(), "the rollback is no deployment of a change"),
        () -> assertEquals(0.5, dora.changeFailureRate(), 1e-9));
    Cli listed = Cli.run(server, "history", "--service", "shop", "--env", NS);
    assertTrue(
        listed.out().contains("shop@undo 1.5.0 (rollback of 2.0.0) → PROMOTED"), listed::out);
    Cli figures = Cli.run(server, "dora", "--service", "shop", "--env", NS);
    assertTrue(
        figures.out().contains("1 of 2 releases that deployed, 1 of them undone by a rollback"),
        figures::out);
  }

  /** The readings where something changed, to show how the cluster went. */
  private static List<ClusterSampler.Sample> changes(List<ClusterSampler.Sample> samples) {
    List<ClusterSampler.Sample> changed = new java.util.ArrayList<>();
    for (ClusterSampler.Sample s : samples) {
      ClusterSampler.Sample last = changed.isEmpty() ? null : changed.get(changed.size() - 1);
      if (last == null
          || last.weight() != s.weight()
          || last.stableAvailable() != s.stableAvailable()
          || last.canaryAvailable() != s.canaryAvailable()) {
        changed.add(s);
      }
    }
    return changed;
  }

  private static ReleaseRequest rollback(String to) {
    return new ReleaseRequest(
        "shop",
        to,
        null,
        NS,
        Strategy.ROLLBACK,
        "cluster-undo",
        null,
        "oncall-sam",
        "2.0.0 fails checkout at full load",
        null);
  }
}
