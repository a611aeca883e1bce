package io.rollwright.worker;

import io.rollwright.workflow.ReleaseWorkflowImpl;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays recorded release histories against today's workflow code: a change that would break
 * releases already running (non-determinism) fails here, not in production.
 */
class ReleaseReplayTest {
  @ParameterizedTest
  @ValueSource(strings = {"promoted", "rolled-back", "approval-timeout", "approval-progress", "watched-gate", "breach-while-paused"})
  void recordedHistoryReplays(String name) throws Exception {
    WorkflowReplayer.replayWorkflowExecution(history(name), ReleaseWorkflowImpl.class);
  }

  private static WorkflowExecutionHistory history(String name) throws IOException {
    try (InputStream in = ReleaseReplayTest.class.getResourceAsStream("/histories/" + name + ".json")) {
      if (in == null) {
        throw new IllegalStateException("no recorded history " + name + ".json (see HistoryRecorder)");
      }
      return WorkflowExecutionHistory.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
