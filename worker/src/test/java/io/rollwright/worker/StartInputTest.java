package io.rollwright.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollwright.api.ReleaseIds;
import io.rollwright.api.ReleaseOutcome;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Start inputs the worker's converter cannot read as a release request, and a release under an ID
 * not its own: each fails its release at once, naming what was wrong, before anything runs.
 */
class StartInputTest extends TimeSkippingReleaseTest {
  private static final String UNREADABLE = "the release request could not be read: ";

  @Test
  void wrongEnumValueIsNamed() {
    assertRefused(
        "checkout@prod",
        Map.of("service", "checkout", "environment", "prod", "strategy", "sideways"),
        UNREADABLE + "request.strategy: 'sideways' is not one of canary, direct");
  }

  @Test
  void unknownFieldIsRefusedNotIgnored() {
    assertRefused(
        "checkout@prod",
        Map.of("service", "checkout", "environment", "prod", "colour", "blue"),
        UNREADABLE + "request.colour: is not a known field");
  }

  @Test
  void wronglyWrittenDurationIsNamed() {
    Map<String, Object> policy = Map.of("extends", "fast", "rollbackTimeout", "soon");
    assertRefused(
        "checkout@prod",
        Map.of("service", "checkout", "environment", "prod", "inlinePolicy", policy),
        UNREADABLE + "request.inlinePolicy.rollbackTimeout: 'soon' is not a duration");
  }

  @Test
  void aNumberIsNeitherAVersionNorAStrategy() {
    assertRefused(
        "checkout@prod",
        Map.of("service", "checkout", "environment", "prod", "version", 5),
        UNREADABLE + "request.version: Cannot coerce Integer value (5) to `java.lang.String`");
    assertRefused(
        "payments@prod",
        Map.of("service", "payments", "environment", "prod", "strategy", 1),
        UNREADABLE + "request.strategy: '1' is not one of canary, direct");
  }

  @Test
  void inputThatIsNoObjectIsRefused() {
    assertRefused("checkout@prod", "hello", UNREADABLE + "request: must be a JSON object");
    assertRefused("payments@prod", List.of(1, 2), UNREADABLE + "request: must be a JSON object");
  }

  @Test
  void missingInputIsRefused() {
    assertRefused("checkout@prod", null, UNREADABLE + "there is none");
  }

  @Test
  void releaseUnderAnotherIdIsRefusedNamingItsOwn() {
    assertRefused(
        "x",
        ReleaseHarness.request("checkout", "fast"),
        "a release of checkout to prod runs under the workflow ID checkout@prod, not x (one release per service and environment)");
  }

  @Test
  void theIdIsFreeForACorrectStartAfterwards() {
    assertRefused(
        "checkout@prod",
        Map.of("service", "checkout", "environment", "prod", "strategy", "sideways"),
        UNREADABLE);
    assertEquals(
        ReleaseOutcome.PROMOTED, h.run(ReleaseHarness.request("checkout", "fast")).outcome());
  }

  /**
   * Starts {@code input} (null: none) under {@code id}; asserts it failed non-retryable with {@code
   * message}, nothing scheduled or deployed.
   */
  private void assertRefused(String id, Object input, String message) {
    WorkflowStub stub =
        h.client.newUntypedWorkflowStub(
            ReleaseIds.WORKFLOW_TYPE,
            WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(h.taskQueue).build());
    if (input == null) {
      stub.start();
    } else {
      stub.start(input);
    }
    WorkflowFailedException failed =
        assertThrows(WorkflowFailedException.class, () -> stub.getResult(Object.class));
    ApplicationFailure failure = assertInstanceOf(ApplicationFailure.class, failed.getCause());
    assertTrue(failure.getOriginalMessage().startsWith(message), failure.getOriginalMessage());
    assertTrue(failure.isNonRetryable());
    List<EventType> events =
        h.client.fetchHistory(id).getHistory().getEventsList().stream()
            .map(HistoryEvent::getEventType)
            .toList();
    assertTrue(
        !events.contains(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
            && !events.contains(EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED),
        id + ": " + events);
    assertEquals(List.of(), h.sandbox.cluster().log("checkout"));
  }
}
