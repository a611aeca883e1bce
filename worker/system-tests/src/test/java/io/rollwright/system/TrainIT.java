package io.rollwright.system;

import static io.rollwright.api.ControlCommand.Action.ABORT;
import static io.rollwright.api.ControlCommand.Action.PAUSE;
import static io.rollwright.api.ControlCommand.Action.RESUME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollwright.api.ControlAnswer;
import io.rollwright.api.ControlCommand;
import io.rollwright.api.ControlCommand.Action;
import io.rollwright.api.Phase;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.TrainRequest;
import io.rollwright.api.TrainResult;
import io.rollwright.api.TrainStatus;
import io.rollwright.client.Trains;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A train on the real dev server with a worker process: its abort refused to one without the
 * operators role of a service in it; paused, the release it runs holds; resumed, it goes on;
 * aborted, that release rolls itself back, the one the train promoted is put back to its previous
 * version by a rollback release, and the one still waiting is skipped. And a train whose worker is
 * killed -9 mid-soak goes on with another worker to promote every service once.
 */
class TrainIT extends RealServerTest {
  private static final String ENV = "prod";
  private static final Duration WITHIN = Duration.ofSeconds(20);

  private static ControlCommand control(Action action, String actor, String reason) {
    return new ControlCommand(action, actor, reason);
  }

  private static TrainRequest.Release car(String service, String policy, String... after) {
    return new TrainRequest.Release(
        service, "2.0.0", "registry.example/" + service + ":2.0.0", policy, null, List.of(after));
  }

  @Test
  void aPausedTrainHoldsItsReleaseAndAnAbortedOnePutsBackWhatItPromoted() throws Exception {
    try (AppProcess worker = worker("train")) {
      for (String service : List.of("db", "cashier", "web")) {
        start(request(service, "1.0.0", ENV, "train-brief"));
        assertEquals(
            ReleaseOutcome.PROMOTED, result(service + "@" + ENV, Duration.ofMinutes(2)).outcome());
      }
      TrainRequest request =
          new TrainRequest(
              "q4",
              ENV,
              "alice",
              "checkout v2",
              null,
              List.of(
                  car("db", "train-brief"),
                  car("cashier", "train-soak", "db"),
                  car("web", "train-brief", "cashier")));
      Trains trains = new Trains(server.client());
      trains.start(request);
      String id = request.trainId();
      awaitPhase("cashier@" + ENV, Phase.SOAKING, Duration.ofMinutes(2));

      ControlAnswer stranger = trains.control(id, control(ABORT, "mallory", "why not"), WITHIN);
      assertFalse(stranger.accepted());
      assertTrue(stranger.forbidden(), stranger.message());
      assertEquals(
          "mallory may not abort cashier@prod: that needs the operators role (held by oncall-sam);"
              + " a train's abort needs it for every service",
          stranger.message());

      assertTrue(trains.control(id, control(PAUSE, "oncall-sam", "hold"), WITHIN).accepted());
      awaitPhase("cashier@" + ENV, Phase.PAUSED, Duration.ofMinutes(1));
      assertTrue(trains.control(id, control(RESUME, "oncall-sam", "green"), WITHIN).accepted());
      await(
          "cashier to go on",
          Duration.ofMinutes(1),
          () -> release("cashier@" + ENV).status().phase() != Phase.PAUSED);
      assertEquals(null, trains.status(id).pausedBecause());

      ControlAnswer abort = trains.control(id, control(ABORT, "oncall-sam", "incident"), WITHIN);
      assertTrue(abort.accepted(), abort.message());
      TrainResult result = trainResult(id, Duration.ofMinutes(3));

      assertEquals(ReleaseOutcome.ROLLED_BACK, result.outcome(), result.detail());
      assertTrue(result.detail().startsWith("aborted by oncall-sam: incident"), result.detail());
      TrainStatus status = trains.status(id);
      Map<String, String> states =
          status.releases().stream()
              .collect(Collectors.toMap(TrainStatus.Car::service, TrainStatus.Car::state));
      assertEquals(Map.of("db", "undone", "cashier", "rolled back", "web", "skipped"), states);
      List<String> db = AppProcess.plannedSequence(journal(), "db");
      assertEquals(
          "promote-stable 1.0.0",
          db.stream().filter(a -> a.startsWith("promote-stable")).reduce((a, b) -> b).orElseThrow(),
          "db is back on 1.0.0: " + db);
      assertEquals(
          1,
          AppProcess.plannedSequence(journal(), "web").stream()
              .filter(a -> a.startsWith("promote-stable"))
              .count(),
          "web ran only its 1.0.0 release");
    }
  }

  @Test
  void aTrainGoesOnWithAnotherWorkerWhenItsWorkerIsKilledMidway() throws Exception {
    TrainRequest request =
        new TrainRequest(
            "crash",
            ENV,
            "alice",
            "three services in order",
            null,
            List.of(
                car("stock", "train-brief"),
                car("pricing", "train-soak", "stock"),
                car("storefront", "train-brief", "pricing")));
    try (AppProcess first = worker("train-crash-1")) {
      new Trains(server.client()).start(request);
      awaitPhase("pricing@" + ENV, Phase.SOAKING, Duration.ofMinutes(2));
      first.kill9();
    }
    try (AppProcess second = worker("train-crash-2")) {
      TrainResult result =
          server
              .client()
              .newUntypedWorkflowStub(request.trainId())
              .getResult(3, java.util.concurrent.TimeUnit.MINUTES, TrainResult.class);

      assertEquals(ReleaseOutcome.PROMOTED, result.outcome(), result.detail());
      for (String service : List.of("stock", "pricing", "storefront")) {
        assertEquals(
            List.of("promote-stable 2.0.0"),
            AppProcess.plannedSequence(journal(), service).stream()
                .filter(a -> a.startsWith("promote-stable"))
                .toList(),
            service + " promoted once, to 2.0.0");
      }
    }
  }
}
