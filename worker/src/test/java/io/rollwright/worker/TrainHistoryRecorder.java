package io.rollwright.worker;

import io.rollwright.activities.metrics.Track;
import io.rollwright.api.ApprovalDecision;
import io.rollwright.api.TrainRequest;
import io.rollwright.api.TrainWorkflow;
import io.rollwright.policy.Gate;
import io.rollwright.policy.GateType;
import io.rollwright.policy.TimeoutAction;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records the train histories {@link TrainReplayTest} replays, as {@link HistoryRecorder} does for
 * releases: {@code ./mvnw -pl worker test -Dtest=TrainHistoryRecorder#name
 * -Drollwright.record-histories=true}.
 */
@EnabledIfSystemProperty(named = "rollwright.record-histories", matches = "true")
class TrainHistoryRecorder extends TimeSkippingTrainTest {
  private static TrainRequest train(String name, List<TrainRequest.Release> releases) {
    return new TrainRequest(name, "prod", "alice", null, null, releases);
  }

  @Test
  void trainRolledBack() throws IOException {
    h.sandbox.metrics().script("api", Track.CANARY, "error-rate", "0.3");
    result(
        start(
            train(
                "rolled-back",
                List.of(
                    car("db", "2.0.0", List.of()),
                    car("api", "2.0.0", List.of("db")),
                    car("docs", "2.0.0", List.of())))));
    save("train-rolled-back", "train:rolled-back@prod");
  }

  @Test
  void trainGated() throws IOException {
    Gate gate =
        new Gate(
            GateType.APPROVAL,
            1,
            List.of("carol"),
            null,
            null,
            Duration.ofHours(4),
            TimeoutAction.REJECT);
    TrainRequest.Release api = car("api", "2.0.0", List.of("db"));
    TrainWorkflow train =
        start(
            train(
                "gated",
                List.of(
                    car("db", "2.0.0", List.of()),
                    new TrainRequest.Release(
                        api.service(),
                        api.version(),
                        api.image(),
                        api.policy(),
                        null,
                        api.after(),
                        null,
                        Duration.ofMinutes(30),
                        gate))));
    h.waitFor(Duration.ofHours(2));
    train.approve(new ApprovalDecision("carol", "ok"));
    result(train);
    save("train-gated", "train:gated@prod");
  }

  private void save(String name, String trainId) throws IOException {
    Files.createDirectories(HistoryRecorder.DIR);
    Files.writeString(
        HistoryRecorder.DIR.resolve(name + ".json"), h.client.fetchHistory(trainId).toJson(true));
  }
}
