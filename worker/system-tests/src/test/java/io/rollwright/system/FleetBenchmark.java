package io.rollwright.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.TrainRequest;
import io.rollwright.api.TrainResult;
import io.rollwright.client.Trains;
import io.temporal.api.history.v1.History;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The {@code bench/fleet} benchmark, trains part: on the real dev server with a worker process, a
 * train of three services in a chain (short soaks) promotes every one; then the next version's
 * train fails at its last service and the two before it are put back.
 */
@EnabledIfSystemProperty(named = "rollwright.bench", matches = "true")
class FleetBenchmark extends RealServerTest {
  private static final String ENV = "prod";
  private static final List<String> SERVICES = List.of("fleet-db", "fleet-api", "fleet-web");

  private static TrainRequest train(String name, String version) {
    return new TrainRequest(
        name,
        ENV,
        "alice",
        "fleet bench",
        null,
        List.of(
            car(SERVICES.get(0), version, List.of()),
            car(SERVICES.get(1), version, List.of(SERVICES.get(0))),
            car(SERVICES.get(2), version, List.of(SERVICES.get(1)))));
  }

  private static TrainRequest.Release car(String service, String version, List<String> after) {
    return new TrainRequest.Release(
        service,
        version,
        "registry.example/" + service + ":" + version,
        "train-brief",
        null,
        after);
  }

  private static TrainResult run(TrainRequest train) throws Exception {
    new Trains(server.client()).start(train);
    return server
        .client()
        .newUntypedWorkflowStub(train.trainId())
        .getResult(5, TimeUnit.MINUTES, TrainResult.class);
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
  void aTrainThatPromotesThenOneThatFailsAtItsLastService() throws Exception {
    TrainRequest promoting = train("fleet-up", "2.0.0");
    long began = System.nanoTime();
    try (AppProcess worker = worker("fleet-1").awaitUp(Duration.ofSeconds(90))) {
      TrainResult promoted = run(promoting);
      double wall = (System.nanoTime() - began) / 1e9;
      assertEquals(ReleaseOutcome.PROMOTED, promoted.outcome(), promoted.detail());
      int childMax =
          SERVICES.stream()
              .mapToInt(s -> history(s + "@" + ENV).getEventsCount())
              .max()
              .orElseThrow();
      System.out.println("train_services: " + SERVICES.size());
      System.out.println(String.format(Locale.ROOT, "train_wall_s: %.2f", wall));
      System.out.println("parent_history_events: " + history(promoting.trainId()).getEventsCount());
      System.out.println("max_child_history_events: " + childMax);
    }

    String last = SERVICES.get(2);
    try (AppProcess worker =
        worker("fleet-2", "--rollwright.sandbox.metrics[0]=" + last + " canary error-rate = 0.3")
            .awaitUp(Duration.ofSeconds(90))) {
      TrainRequest failing = train("fleet-down", "3.0.0");
      TrainResult result = run(failing);
      assertEquals(ReleaseOutcome.ROLLED_BACK, result.outcome(), result.detail());
      assertEquals(last, result.failedService());
      for (String service : SERVICES.subList(0, 2)) {
        assertEquals(
            "promote-stable 2.0.0",
            AppProcess.plannedSequence(journal(), service).stream()
                .filter(a -> a.startsWith("promote-stable"))
                .reduce((a, b) -> b)
                .orElseThrow(),
            service + " is back on 2.0.0");
      }
      long failed = closedAtMillis(history(last + "@" + ENV));
      long allStable = closedAtMillis(history(failing.trainId()));
      System.out.println(
          String.format(
              Locale.ROOT, "failure_to_all_stable_s: %.2f", (allStable - failed) / 1000.0));
    }
  }
}
