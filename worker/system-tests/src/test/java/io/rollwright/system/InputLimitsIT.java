package io.rollwright.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollwright.api.ReleaseIds;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.ReleaseWorkflow;
import io.rollwright.policy.InvalidReleaseException;
import io.rollwright.policy.Strategy;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests that bypass every front door (started straight through the Temporal client, as the
 * Temporal CLI does) are refused by the workflow itself at once: it fails with the invalid-release
 * failure naming the field, before any activity, so no traffic moves; and the release ID is free
 * again.
 */
class InputLimitsIT extends RealServerTest {
  private static AppProcess worker;

  @BeforeAll
  static void startWorker() throws Exception {
    worker = worker("limits-worker");
  }

  @AfterAll
  static void stopWorker() throws InterruptedException {
    if (worker != null) {
      worker.close();
    }
  }

  private static ReleaseRequest withReason(String service, String reason) {
    return new ReleaseRequest(
        service,
        "2.3.0",
        "registry.example/" + service.toLowerCase(Locale.ROOT) + ":2.3.0",
        "prod",
        Strategy.CANARY,
        "brief",
        null,
        "alice",
        reason,
        "abc123");
  }

  /** Starts the release as the Temporal CLI would: no front door's checks. */
  private static String startDirectly(ReleaseRequest request) {
    String id = ReleaseIds.of(request.service(), request.environment());
    ReleaseWorkflow stub =
        server
            .client()
            .newWorkflowStub(
                ReleaseWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(id)
                    .setTaskQueue(ReleaseIds.TASK_QUEUE)
                    .build());
    WorkflowClient.start(stub::run, request);
    return id;
  }

  private static void assertRefusedAtOnce(ReleaseRequest request, String field, String rule)
      throws Exception {
    String id = startDirectly(request);
    WorkflowFailedException failed =
        assertThrows(WorkflowFailedException.class, () -> result(id, Duration.ofSeconds(30)));
    ApplicationFailure cause = assertInstanceOf(ApplicationFailure.class, failed.getCause());
    assertEquals(InvalidReleaseException.FAILURE_TYPE, cause.getType());
    assertTrue(cause.isNonRetryable(), "not retried");
    assertTrue(
        cause.getOriginalMessage().startsWith(field + ": " + rule), cause.getOriginalMessage());
    long activities =
        server.client().fetchHistory(id).getEvents().stream()
            .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
            .count();
    assertEquals(0, activities, "no activity ran for " + id);
    assertEquals(
        0,
        AppProcess.actions(journal(), request.service()).size(),
        "no traffic action for " + request.service());
  }

  @Test
  void aServiceNameThatIsNotADnsLabelIsRefused() throws Exception {
    assertRefusedAtOnce(
        withReason("Checkout", null), "service", "'Checkout' is not a DNS-1123 label");
  }

  @Test
  void aReasonWithALineBreakIsRefused() throws Exception {
    assertRefusedAtOnce(
        withReason("limits-newline", "routine\nrm -rf /"),
        "reason",
        "contains a control character (U+000A at position 7)");
  }

  @Test
  void anOversizedReasonIsRefusedAndTheIdIsThenFree() throws Exception {
    assertRefusedAtOnce(
        withReason("limits-long", "r".repeat(70_000)), "reason", "70000 characters, at most 2000");

    String id = startDirectly(withReason("limits-long", "routine"));
    assertEquals(ReleaseOutcome.PROMOTED, result(id, Duration.ofSeconds(90)).outcome());
    assertTrue(
        AppProcess.plannedSequence(journal(), "limits-long").size() > 0,
        "the valid release moved traffic");
  }
}
