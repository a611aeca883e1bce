package io.rollwright.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollwright.api.AuditEntry;
import io.rollwright.api.ControlAnswer;
import io.rollwright.api.ControlCommand;
import io.rollwright.api.ControlEvent;
import io.rollwright.api.Phase;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseStatus;
import io.rollwright.client.ReleaseControls;
import io.rollwright.worker.ControlFlood;
import io.temporal.api.history.v1.History;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A release parked at its gate on the real dev server, flooded with 1,000 refused updates, three
 * megabyte-long reasons and 1,000 refused signals, can still be aborted at once; the refused
 * updates leave no history, its status stays under 1 MiB and its audit keeps the decisions.
 */
class ControlFloodIT extends RealServerTest {
  private static final int FLOOD = 1000;

  @Test
  void aFloodOfRefusedControlsCostsNothingThatMatters() throws Exception {
    String id = start(request("flooded", "park"));
    try (AppProcess worker = worker("flood")) {
      awaitPhase(id, Phase.AWAITING_APPROVAL, Duration.ofMinutes(1));
      ReleaseControls controls = new ReleaseControls(server.client(), Duration.ofSeconds(30));
      History before = ControlFlood.history(server.client(), id);

      assertEquals(FLOOD, ControlFlood.refusedUpdates(controls, id, FLOOD));
      assertEquals(3, ControlFlood.megabyteUpdates(controls, id, 3));
      History afterUpdates = ControlFlood.history(server.client(), id);
      // the parked release's own life (its held canary's watch) may add events meanwhile: count the
      // updates' only
      assertEquals(
          updateEvents(before), updateEvents(afterUpdates), "refused updates leave no history");

      ControlFlood.refusedSignals(release(id), FLOOD);
      assertEquals(
          new ControlAnswer(
              false,
              "stage canary-10 has finished its soak and waits at its gate: approve it, or promote --full"),
          ControlFlood.barrier(controls, id));
      History flooded = ControlFlood.history(server.client(), id);
      long payload = FLOOD / 2 * 2000L;
      long growth = (long) flooded.getSerializedSize() - before.getSerializedSize();
      assertTrue(
          growth < payload + 400L * FLOOD,
          "the history grew by "
              + growth
              + " bytes for "
              + payload
              + " bytes of signalled reasons");

      long began = System.nanoTime();
      ControlAnswer abort =
          controls.send(
              id, new ControlCommand(ControlCommand.Action.ABORT, "oncall-sam", "pager storm"));
      double abortSeconds = (System.nanoTime() - began) / 1e9;
      assertEquals(new ControlAnswer(true, "aborted by oncall-sam: pager storm"), abort);
      assertTrue(abortSeconds < 5, "the abort took " + abortSeconds + "s");
      assertEquals(ReleaseOutcome.ROLLED_BACK, result(id, Duration.ofMinutes(1)).outcome());

      ReleaseStatus status = release(id).status();
      int bytes = ControlFlood.statusBytes(status);
      assertTrue(bytes < 1 << 20, "status is " + bytes + " bytes");
      List<AuditEntry> audit = status.audit();
      assertTrue(
          audit.stream().anyMatch(e -> e.action().equals("approval requested")), audit.toString());
      assertTrue(
          audit.stream()
              .anyMatch(e -> e.actor().equals("oncall-sam") && e.action().equals("aborted")),
          audit.toString());
      assertEquals(
          "aborted by oncall-sam: pager storm",
          audit.get(audit.size() - 1).detail(),
          "the outcome is last");
      assertTrue(
          audit.contains(
              new ControlEvent.Refused(
                  audit.stream()
                      .filter(e -> e.actor().equals("alice"))
                      .findFirst()
                      .orElseThrow()
                      .atMillis(),
                  "alice",
                  "approve",
                  "alice requested this release and cannot approve it",
                  500)),
          audit.toString());
      assertTrue(audit.size() < 100, audit.size() + " entries");
    }
  }

  private static long updateEvents(History history) {
    return history.getEventsList().stream()
        .filter(e -> e.getEventType().name().contains("UPDATE"))
        .count();
  }
}
