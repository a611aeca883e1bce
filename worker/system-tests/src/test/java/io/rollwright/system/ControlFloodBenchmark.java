package io.rollwright.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollwright.api.ControlAnswer;
import io.rollwright.api.ControlCommand;
import io.rollwright.api.Phase;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.client.ReleaseControls;
import io.rollwright.worker.ControlFlood;
import io.temporal.api.history.v1.History;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The {@code bench/control-flood} benchmark: one release parked at its gate on the real dev server
 * gets N refused controls (half {@code control} updates, half raw signals), then an abort.
 */
@EnabledIfSystemProperty(named = "rollwright.bench", matches = "true")
class ControlFloodBenchmark extends RealServerTest {
  private static final int N = Integer.getInteger("rollwright.bench.controls", 10_000);

  @Test
  void refusedControlsThenAnAbort() throws Exception {
    String id = start(request("flood-bench", "park"));
    try (AppProcess worker = worker("flood-bench")) {
      awaitPhase(id, Phase.AWAITING_APPROVAL, Duration.ofMinutes(1));
      ReleaseControls controls = new ReleaseControls(server.client(), Duration.ofSeconds(30));
      assertEquals(N / 2, ControlFlood.refusedUpdates(controls, id, N / 2));
      ControlFlood.refusedSignals(release(id), N - N / 2);
      ControlFlood.barrier(controls, id);

      long began = System.nanoTime();
      ControlAnswer abort =
          controls.send(
              id, new ControlCommand(ControlCommand.Action.ABORT, "oncall-sam", "after the flood"));
      double abortSeconds = (System.nanoTime() - began) / 1e9;
      assertTrue(abort.accepted(), abort.message());
      assertEquals(ReleaseOutcome.ROLLED_BACK, result(id, Duration.ofMinutes(1)).outcome());

      History history = ControlFlood.history(server.client(), id);
      int statusBytes = ControlFlood.statusBytes(release(id).status());
      String runs = "WorkflowId = '" + id + "'";
      await(
          "the release's runs in visibility",
          Duration.ofSeconds(30),
          () -> server.client().countWorkflows(runs).getCount() > 0);
      long runCount = server.client().countWorkflows(runs).getCount();

      System.out.println("controls: " + N);
      System.out.println("history_events: " + history.getEventsCount());
      System.out.println("history_bytes: " + history.getSerializedSize());
      System.out.println("status_bytes: " + statusBytes);
      System.out.println(String.format(Locale.ROOT, "abort_after_flood_s: %.3f", abortSeconds));
      System.out.println("continued_as_new: " + (runCount - 1));
      System.out.println("runs: " + runCount);
    }
  }
}
