package io.rollwright.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollwright.api.ApprovalDecision;
import io.rollwright.api.AuditEntry;
import io.rollwright.api.ControlAnswer;
import io.rollwright.api.ControlCommand;
import io.rollwright.api.ControlEvent;
import io.rollwright.api.Phase;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.ReleaseStatus;
import io.rollwright.api.ReleaseWorkflow;
import io.rollwright.client.ReleaseControls;
import io.rollwright.workflow.ReleaseState;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A release flooded with controls it refuses still answers, keeps its decisions and stays small.
 */
class ControlFloodTest extends TimeSkippingReleaseTest {
  private static final int FLOOD = 2000;

  @Test
  void refusedControlsCostNothingThatMatters() {
    ReleaseWorkflow release = h.start(ReleaseHarness.request("checkout", "gated"));
    String id = "checkout@prod";
    h.waitFor(Duration.ofMinutes(41));
    assertEquals(Phase.AWAITING_APPROVAL, release.status().phase());
    ReleaseControls controls = new ReleaseControls(h.client, Duration.ofSeconds(30));
    assertTrue(
        controls
            .send(id, new ControlCommand(ControlCommand.Action.APPROVE, "bob", "looks good"))
            .accepted());
    long events = h.historyLength(id);

    assertEquals(
        FLOOD,
        ControlFlood.refusedUpdates(controls, id, FLOOD),
        "each update is answered with the refusal");
    List<EventType> added =
        ControlFlood.history(h.client, id).getEventsList().stream()
            .skip(events)
            .map(HistoryEvent::getEventType)
            .filter(t -> t.name().contains("UPDATE"))
            .toList();
    assertEquals(
        List.of(),
        added,
        "refused updates leave no update in the history (the test server, unlike a real one, keeps their workflow tasks)");
    assertEquals(3, ControlFlood.megabyteUpdates(controls, id, 3));
    ControlFlood.megabyteSignals(release, 3);
    release.approve(new ApprovalDecision("bob", "again"));
    ControlFlood.refusedSignals(release, FLOOD);
    assertEquals(
        new ControlAnswer(
            false,
            "stage canary-50 has finished its soak and waits at its gate: approve it, or promote --full"),
        ControlFlood.barrier(controls, id),
        "answered once every signal before it was applied");

    ControlAnswer abort =
        controls.send(
            id, new ControlCommand(ControlCommand.Action.ABORT, "oncall-sam", "pager storm"));
    assertEquals(new ControlAnswer(true, "aborted by oncall-sam: pager storm"), abort);
    ReleaseResult result = h.result(release);
    assertEquals(ReleaseOutcome.ROLLED_BACK, result.outcome());

    long signals = FLOOD + 3 * 2 + 1;
    List<History> runs = ControlFlood.runs(h.client, id);
    long signalled =
        runs.stream()
            .flatMap(r -> r.getEventsList().stream())
            .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)
            .count();
    assertEquals(
        signals,
        signalled,
        "each signal is one event in the run it reached, and nothing else is recorded of the refused ones");
    assertTrue(
        runs.size() > 1, "the megabytes of signalled reasons made the release continue as new");
    ReleaseStatus status = release.status();
    int bytes = ControlFlood.statusBytes(status);
    assertTrue(bytes < 1 << 20, "status is " + bytes + " bytes");
    List<AuditEntry> audit = status.audit();
    assertTrue(audit.size() < 150, audit.size() + " entries");
    assertEquals(
        List.of("bob"),
        audit.stream().filter(e -> e.action().equals("approved")).map(AuditEntry::actor).toList());
    assertTrue(
        audit.contains(
            new ControlEvent.Aborted(
                entry(audit, "aborted").atMillis(), "oncall-sam", "pager storm")));
    assertEquals("aborted by oncall-sam: pager storm", entry(audit, "rolled_back").detail());
    assertEquals(
        "alice requested this release and cannot approve it (×1,000)",
        detail(audit, "alice", "refused approve"));
    assertEquals(
        "bob has already approved; an approver counts once",
        detail(audit, "bob", "refused approve"));
    assertTrue(
        detail(audit, "stranger-1", "refused approve").endsWith(" (×10)"),
        detail(audit, "stranger-1", "refused approve"));
    assertTrue(
        detail(audit, ReleaseState.SYSTEM, "refusals counted").contains("were only counted"));
    AuditEntry pause = entry(audit, "paused");
    assertEquals(
        1000, pause.detail().length(), "a megabyte reason is clipped when kept and cut when shown");
  }

  private static AuditEntry entry(List<AuditEntry> audit, String action) {
    return audit.stream()
        .filter(e -> e.action().equals(action))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + action + " in " + audit));
  }

  private static String detail(List<AuditEntry> audit, String actor, String action) {
    return audit.stream()
        .filter(e -> e.actor().equals(actor) && e.action().equals(action))
        .map(AuditEntry::detail)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + action + " by " + actor + " in " + audit));
  }
}
