package io.rollwright.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.TrainRequest;
import io.rollwright.api.TrainResult;
import io.temporal.api.history.v1.History;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The {@code bench/fleet} benchmark: a train of three services (db, then api, then web) in three
 * waves over two real control planes (wave 1 and 3 on the shared cluster, wave 2 on the other), on
 * the real dev server with one worker process. Every release goes after the service before it in
 * its wave and after its own service in the wave before. The first train promotes everywhere; the
 * next version's fails at its very last release (web in wave 3), and every other is put back.
 */
@EnabledIfSystemProperty(named = "rollwright.bench", matches = "true")
class FleetBenchmark extends TwoClusterTest {
  private static final List<String> SERVICES = List.of("db", "api", "web");
  private static final List<String> WAVES = List.of("fleet-1", "fleet-2", "fleet-3");
  private static final List<String> TARGETS = new ArrayList<>();

  @BeforeAll
  static void targets() throws Exception {
    for (String wave : WAVES) {
      boolean onWest = wave.equals("fleet-2");
      (onWest ? west : cluster).releaseNamespace(wave);
      TARGETS.addAll(target(wave, onWest, wave));
      for (String service : SERVICES) {
        (onWest ? west : cluster).service(wave, service, REPLICAS, image(service, OLD));
      }
    }
  }

  private static TrainRequest train(String version) {
    List<TrainRequest.Release> releases = new ArrayList<>();
    for (int w = 0; w < WAVES.size(); w++) {
      for (int s = 0; s < SERVICES.size(); s++) {
        List<String> after = new ArrayList<>();
        if (s > 0) {
          after.add(SERVICES.get(s - 1) + "@" + WAVES.get(w));
        }
        if (w > 0) {
          after.add(SERVICES.get(s) + "@" + WAVES.get(w - 1));
        }
        releases.add(
            new TrainRequest.Release(
                SERVICES.get(s),
                version,
                image(SERVICES.get(s), version),
                "cluster-waves",
                null,
                after,
                WAVES.get(w)));
      }
    }
    return new TrainRequest("fleet", WAVES.get(0), "alice", "fleet bench", null, releases);
  }

  private static History history(String workflowId) {
    return server.client().fetchHistory(workflowId).getHistory();
  }

  /** When the run's last event (its close) was recorded by the server, in milliseconds. */
  private static long closedAtMillis(History h) {
    var t = h.getEvents(h.getEventsCount() - 1).getEventTime();
    return t.getSeconds() * 1000 + t.getNanos() / 1_000_000;
  }

  @Test
  void threeWavesOfThreeServicesPromoteThenTheNextVersionFailsAtItsLastRelease() throws Exception {
    TrainRequest promoting = train(NEW);
    try (AppProcess worker = targetsWorker("fleet-1", TARGETS)) {
      long began = System.nanoTime();
      TrainResult promoted = runTrain(promoting, Duration.ofMinutes(10));
      double wall = (System.nanoTime() - began) / 1e9;
      assertEquals(ReleaseOutcome.PROMOTED, promoted.outcome(), promoted.detail());
      int childMax = 0;
      for (String wave : WAVES) {
        for (String service : SERVICES) {
          childMax = Math.max(childMax, history(service + "@" + wave).getEventsCount());
        }
      }
      System.out.println("train_releases: " + promoting.releases().size());
      System.out.println(String.format(Locale.ROOT, "train_wall_s: %.2f", wall));
      System.out.println("parent_history_events: " + history(promoting.trainId()).getEventsCount());
      System.out.println("max_child_history_events: " + childMax);
    }

    String last = "web@" + WAVES.get(2);
    try (AppProcess worker =
        targetsWorker(
            "fleet-2",
            TARGETS,
            "--rollwright.sandbox.metrics[0]=" + last + " canary error-rate = 0.3")) {
      TrainRequest failing = train("3.0.0");
      TrainResult result = runTrain(failing, Duration.ofMinutes(10));
      assertEquals(ReleaseOutcome.ROLLED_BACK, result.outcome(), result.detail());
      assertEquals(last, result.failedService());
      for (String wave : WAVES) {
        for (String service : SERVICES) {
          ClusterInstall at = wave.equals("fleet-2") ? west : cluster;
          assertEquals(
              image(service, NEW), at.image(wave, service), service + "@" + wave + " is back");
        }
      }
      long failed = closedAtMillis(history(last));
      long allStable = closedAtMillis(history(failing.trainId()));
      System.out.println(
          String.format(
              Locale.ROOT, "failure_to_all_stable_s: %.2f", (allStable - failed) / 1000.0));
    }
  }
}
