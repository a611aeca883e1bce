package io.rollwright.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollwright.analysis.LiveSoak;
import io.rollwright.api.ControlCommand;
import io.rollwright.api.Phase;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.client.ReleaseControls;
import io.rollwright.client.ReleaseReader;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * While a stage soaks, {@code status} and {@code watch} show its live readings — each check's value
 * against its limit, the samples so far, when the soak ends and when the next sample is due — read
 * from the soak's last heartbeat, not from the release's history.
 */
class LiveReadingsIT extends RealServerTest {
  @Test
  void statusAndWatchShowTheReadingsOfASoakWhileItRuns() throws Exception {
    try (AppProcess worker =
        worker("live", "--rollwright.sandbox.metrics[0]=glass canary error-rate = 0.04")) {
      String id = start(request("glass", "long-haul"));
      awaitPhase(id, Phase.SOAKING, Duration.ofMinutes(1));
      ReleaseReader reader = new ReleaseReader(server.client());
      await("two samples of the soak", Duration.ofSeconds(30), () -> samples(reader, id) >= 2);
      LiveSoak live = reader.read(id).status().analysis();
      long now = System.currentTimeMillis();

      assertEquals("canary-10", live.stage());
      assertFalse(live.watch());
      assertEquals(
          live.startedAtMillis() + 40_000,
          live.endsAtMillis(),
          "the soak ends 40 s after it began");
      assertTrue(
          live.nextSampleAtMillis() > now - 3_000 && live.nextSampleAtMillis() <= now + 3_000,
          "the next sample is due within an interval: "
              + (live.nextSampleAtMillis() - now)
              + " ms from now");
      LiveSoak.Check errors = live.checks().get(0);
      assertEquals("error-rate", errors.reading().check());
      assertEquals(0.04, errors.reading().canary(), 1e-9);
      assertEquals(0.10, errors.reading().limit(), 1e-9);
      int seen = live.samples();
      await("a later sample", Duration.ofSeconds(10), () -> samples(reader, id) > seen);

      Cli status = Cli.run(server, "status", id);
      assertTrue(status.out().contains("analysis: soaking canary-10 · "), status.toString());
      assertTrue(status.out().contains("live: error-rate 4.00%"), status.toString());
      Cli overHttp = Cli.run(server, "status", id, "--http-api", server.httpApi());
      assertEquals("", overHttp.err(), "read through the HTTP API, no fallback");
      assertTrue(overHttp.out().contains("analysis: soaking canary-10 · "), overHttp.toString());
      assertTrue(overHttp.out().contains("live: error-rate 4.00%"), overHttp.toString());

      CompletableFuture<Cli> watch = Cli.inBackground(server, "watch", id, "--no-redraw");
      Thread.sleep(3_000);
      ReleaseControls controls = new ReleaseControls(server.client(), Duration.ofSeconds(30));
      assertTrue(
          controls
              .send(
                  id,
                  new ControlCommand(
                      ControlCommand.Action.PROMOTE, "oncall-sam", "enough soaking", null))
              .accepted());
      awaitPhase(id, Phase.AWAITING_APPROVAL, Duration.ofSeconds(30));
      await(
          "the ended soak let go, the gate's watch alone analysed",
          Duration.ofSeconds(20),
          () -> soaksOn(worker) == 1);
      Thread.sleep(5_000);
      assertEquals(1, soaksOn(worker), "a cancelled soak is not sampled any more");

      assertTrue(
          controls
              .send(
                  id,
                  new ControlCommand(
                      ControlCommand.Action.ABORT, "oncall-sam", "seen enough", null))
              .accepted());
      assertEquals(ReleaseOutcome.ROLLED_BACK, result(id, Duration.ofMinutes(1)).outcome());
      await("every run let go", Duration.ofSeconds(20), () -> soaksOn(worker) == 0);
      Cli watched = watch.get(1, TimeUnit.MINUTES);
      assertTrue(watched.out().contains("📊 canary-10, "), watched.toString());
      assertTrue(watched.out().contains("error-rate 4.00%"), watched.toString());
    }
  }

  /** How many analysis runs the worker's scheduler holds. */
  private static int soaksOn(AppProcess worker) {
    try {
      return (int) WorkerProbe.metric(worker, "rollwright_soaks_active", "");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static int samples(ReleaseReader reader, String id) {
    LiveSoak live = reader.read(id).status().analysis();
    return live == null ? 0 : live.samples();
  }
}
