package io.rollwright.worker;

import io.rollwright.api.ReleasePayloads;
import io.rollwright.workflow.ReleaseWorkflowImpl;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Replays recorded release histories against today's workflow code: a change that would break
 * releases already running (non-determinism) fails here, not in production.
 */
public class ReleaseReplayTest {
  /** Each history replays under the ID it ran under: a release refuses to run under any other. */
  @ParameterizedTest
  @CsvSource({
    "promoted, checkout@prod",
    "rolled-back, payments@prod",
    "approval-timeout, checkout@prod",
    "approval-progress, checkout@prod",
    "watched-gate, checkout@prod",
    "breach-while-paused, checkout@prod",
    "break-glass-by-two, vault@prod",
    "continued-from-soak, long-haul@prod",
    "continued-at-gate, long-haul@prod",
    "continued-from-soak-typed-events, long-haul@prod",
    "continued-at-gate-typed-events, long-haul@prod",
    "paged-while-rolling-back, cart@prod",
    "paged-while-paused, checkout@prod",
    "stage-check-failed, checkout@prod",
    "stage-check-unanswered, checkout@prod",
    "baked, checkout@prod",
    "bake-breached, checkout@prod",
    "confirmation-awaited, checkout@prod",
    "rollback, checkout@prod",
    "during-check-failed, checkout@prod",
    "calendar-held, berlin-shop@prod",
    "calendar-breached, berlin-shop@prod",
    "hotfix-through-freeze, berlin-shop@prod"
  })
  void recordedHistoryReplays(String name, String releaseId) throws Exception {
    replay(history(name, releaseId));
  }

  /** A release started under another ID before such releases were refused runs on as it did. */
  @Test
  void twinStartedBeforeTheRefusalReplays() throws Exception {
    replay(history("promoted", "checkout@prod-2"));
  }

  /** Replays a release with the workers' own payload converter, which reads without coercion. */
  public static void replay(WorkflowExecutionHistory history) throws Exception {
    replay(history, ReleaseWorkflowImpl.class);
  }

  /** Replays {@code history} with {@code workflow}, reading payloads as the workers do. */
  static void replay(WorkflowExecutionHistory history, Class<?> workflow) throws Exception {
    TestWorkflowEnvironment env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(
                    WorkflowClientOptions.newBuilder()
                        .setDataConverter(ReleasePayloads.converter())
                        .build())
                .build());
    try {
      WorkflowReplayer.replayWorkflowExecution(history, env, workflow);
    } finally {
      env.close();
    }
  }

  static WorkflowExecutionHistory history(String name, String releaseId) throws IOException {
    try (InputStream in =
        ReleaseReplayTest.class.getResourceAsStream("/histories/" + name + ".json")) {
      if (in == null) {
        throw new IllegalStateException(
            "no recorded history " + name + ".json (see HistoryRecorder)");
      }
      return WorkflowExecutionHistory.fromJson(
          new String(in.readAllBytes(), StandardCharsets.UTF_8), releaseId);
    }
  }
}
