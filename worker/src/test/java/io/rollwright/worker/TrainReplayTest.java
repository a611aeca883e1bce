package io.rollwright.worker;

import io.rollwright.workflow.TrainWorkflowImpl;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Trains recorded by {@link TrainHistoryRecorder}, some by earlier versions, replay under today's
 * train workflow: a train running when a worker is upgraded goes on as it was.
 */
class TrainReplayTest {
  @ParameterizedTest
  @CsvSource({
    "train-rolled-back, train:rolled-back@prod",
    "train-gated, train:gated@prod",
    "train-told, train:told@prod"
  })
  void recordedTrainReplays(String name, String trainId) throws Exception {
    ReleaseReplayTest.replay(ReleaseReplayTest.history(name, trainId), TrainWorkflowImpl.class);
  }
}
