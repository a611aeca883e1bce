package io.rollwright.worker;

import io.rollwright.activities.metrics.Track;
import io.rollwright.api.ApprovalDecision;
import io.rollwright.api.ControlCommand;
import io.rollwright.api.ControlCommand.Action;
import io.rollwright.api.TrainRequest;
import io.rollwright.api.TrainWorkflow;
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
    TrainWorkflow train =
        start(
            train(
                "gated",
                List.of(
                    car("db", "2.0.0", List.of()),
                    gated("api", List.of("db"), Duration.ofMinutes(30), approvalOf(1, "carol")))));
    h.waitFor(Duration.ofHours(2));
    train.approve(new ApprovalDecision("carol", "ok"));
    result(train);
    save("train-gated", "train:gated@prod");
  }

  /** A train told as it goes: paused and resumed, gated and approved, then rolled back. */
  @Test
  void trainTold() throws IOException {
    h.sandbox.metrics().script("web", Track.CANARY, "error-rate", "0.3");
    TrainWorkflow train =
        start(
            train(
                "told",
                List.of(
                    car("db", "2.0.0", List.of()),
                    gated("api", List.of("db"), null, approvalOf(2, "carol", "dave")),
                    car("web", "2.0.0", List.of("api")))));
    train.control(new ControlCommand(Action.PAUSE, "alice", "hold"));
    h.waitFor(Duration.ofMinutes(5));
    train.control(new ControlCommand(Action.RESUME, "alice", null));
    h.waitFor(Duration.ofHours(1));
    train.control(new ControlCommand(Action.APPROVE, "carol", null));
    train.approve(new ApprovalDecision("dave", "ok"));
    result(train);
    save("train-told", "train:told@prod");
  }

  private void save(String name, String trainId) throws IOException {
    Files.createDirectories(HistoryRecorder.DIR);
    Files.writeString(
        HistoryRecorder.DIR.resolve(name + ".json"), h.client.fetchHistory(trainId).toJson(true));
  }
}
