package io.rollwright.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollwright.api.ControlRequest;
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
 * A train on the real dev server with a worker process: paused, the release it runs holds; resumed,
 * it goes on; aborted, that release rolls itself back, the one the train promoted is put back to
 * its previous version by a rollback release, and the one still waiting is skipped.
 */
class TrainIT extends RealServerTest {
  private static final String ENV = "prod";

  private static TrainRequest.Release car(String service, String policy, String... after) {
    return new TrainRequest.Release(
        service, "2.0.0", "registry.example/" + service + ":2.0.0", policy, null, List.of(after));
  }

  @Test
  void aPausedTrainHoldsItsReleaseAndAnAbortedOnePutsBackWhatItPromoted() throws Exception {
    try (AppProcess worker = worker("train")) {
      for (String service : List.of("db", "api", "web")) {
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
                  car("api", "train-soak", "db"),
                  car("web", "train-brief", "api")));
      Trains trains = new Trains(server.client());
      trains.start(request);
      String id = request.trainId();
      awaitPhase("api@" + ENV, Phase.SOAKING, Duration.ofMinutes(2));

      trains.pause(id, new ControlRequest("oncall-sam", "hold for the dashboard"));
      awaitPhase("api@" + ENV, Phase.PAUSED, Duration.ofMinutes(1));
      trains.resume(id, new ControlRequest("oncall-sam", "dashboard is green"));
      await(
          "api to go on",
          Duration.ofMinutes(1),
          () -> release("api@" + ENV).status().phase() != Phase.PAUSED);
      assertEquals(null, trains.status(id).pausedBecause());

      trains.abort(id, new ControlRequest("oncall-sam", "payments incident"));
      TrainResult result =
          server
              .client()
              .newUntypedWorkflowStub(id)
              .getResult(3, java.util.concurrent.TimeUnit.MINUTES, TrainResult.class);

      assertEquals(ReleaseOutcome.ROLLED_BACK, result.outcome(), result.detail());
      assertTrue(
          result.detail().startsWith("aborted by oncall-sam: payments incident"), result.detail());
      TrainStatus status = trains.status(id);
      Map<String, String> states =
          status.releases().stream()
              .collect(Collectors.toMap(TrainStatus.Car::service, TrainStatus.Car::state));
      assertEquals(Map.of("db", "undone", "api", "rolled back", "web", "skipped"), states);
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
}
