package io.rollwright.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollwright.api.ReleaseIds;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.ReleaseResult;
import io.rollwright.policy.ReleaseJson;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Start inputs the workflow cannot read, and releases under an ID not their own, sent with the real
 * {@code temporal} CLI to the real server: each fails within seconds naming what was wrong, before
 * any activity, and leaves the release ID free.
 */
class StartInputIT extends RealServerTest {
  private static final Duration QUICKLY = Duration.ofSeconds(10);
  private static AppProcess worker;

  @BeforeAll
  static void startWorker() throws Exception {
    worker = worker("start-input").awaitUp(Duration.ofSeconds(90));
  }

  @AfterAll
  static void stopWorker() throws InterruptedException {
    if (worker != null) {
      worker.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      textBlock =
          """
      sideways | {"service": "sideways", "environment": "prod", "version": "2.3.0", "strategy": "sideways"} | request.strategy: 'sideways' is not one of canary, direct
      colour   | {"service": "colour", "environment": "prod", "version": "2.3.0", "colour": "blue"}        | request.colour: is not a known field
      soak     | {"service": "soak", "environment": "prod", "version": "2.3.0", "inlinePolicy": {"extends": "brief", "stages": [{"name": "canary-50", "weight": 50, "soak": "2 minutes"}]}} | request.inlinePolicy.stages[0].soak: '2 minutes' is not a duration
      number   | {"service": "number", "environment": "prod", "version": 5}                               | request.version: Cannot coerce Integer value (5) to `java.lang.String`
      hello    | "hello"                                                                                    | request: must be a JSON object
      listed   | [1, 2]                                                                                     | request: must be a JSON object
      """)
  void unreadableInputFailsAtOnceAndLeavesTheIdFree(String service, String input, String problem)
      throws Exception {
    String id = ReleaseIds.of(service, "prod");
    temporalStart(id, input);

    ApplicationFailure failure = failedAtOnce(id);
    assertTrue(
        failure
            .getOriginalMessage()
            .startsWith("the release request could not be read: " + problem),
        failure.getOriginalMessage());
    assertEquals(
        List.of(), AppProcess.actions(journal(), service), "no traffic action for " + service);

    temporalStart(id, ReleaseJson.write(request(service, "brief")));
    ReleaseResult result = result(id, Duration.ofMinutes(2));
    assertEquals(ReleaseOutcome.PROMOTED, result.outcome(), result.detail());
  }

  @Test
  void releaseUnderAnotherIdIsRefusedWhileItsOwnRuns() throws Exception {
    ReleaseRequest request = request("twin", "brief");
    String id = start(request);
    temporalStart("twin@prod-2", ReleaseJson.write(request));

    ApplicationFailure failure = failedAtOnce("twin@prod-2");
    assertEquals(
        "a release of twin to prod runs under the workflow ID twin@prod, not twin@prod-2 (one release per service and environment)",
        failure.getOriginalMessage());

    ReleaseResult result = result(id, Duration.ofMinutes(2));
    assertEquals(ReleaseOutcome.PROMOTED, result.outcome(), result.detail());
    assertEquals(
        1,
        AppProcess.actions(journal(), "twin").stream()
            .filter(a -> a.action().startsWith("deploy-canary "))
            .count(),
        "one canary deployed: " + AppProcess.plannedSequence(journal(), "twin"));
  }

  /**
   * Asserts the release under {@code id} failed within seconds, non-retryable, with its first
   * workflow task (no failed task retried) and no activity scheduled, and returns its failure.
   */
  private static ApplicationFailure failedAtOnce(String id) {
    WorkflowFailedException failed =
        assertThrows(WorkflowFailedException.class, () -> result(id, QUICKLY));
    ApplicationFailure failure = assertInstanceOf(ApplicationFailure.class, failed.getCause());
    assertTrue(failure.isNonRetryable(), failure.toString());
    assertEquals(
        WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED,
        server.client().newUntypedWorkflowStub(id).describe().getStatus());
    List<EventType> events =
        server.client().fetchHistory(id).getHistory().getEventsList().stream()
            .map(HistoryEvent::getEventType)
            .toList();
    assertTrue(
        !events.contains(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
            && !events.contains(EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED),
        id + ": " + events);
    return failure;
  }

  /**
   * {@code temporal workflow start} of a release, as the README shows it, with {@code input}
   * verbatim.
   */
  private static void temporalStart(String id, String input) throws Exception {
    server.cli(
        dir.resolve("temporal-start.out"),
        "workflow",
        "start",
        "--type",
        ReleaseIds.WORKFLOW_TYPE,
        "--task-queue",
        ReleaseIds.TASK_QUEUE,
        "--workflow-id",
        id,
        "--input",
        input);
  }
}
