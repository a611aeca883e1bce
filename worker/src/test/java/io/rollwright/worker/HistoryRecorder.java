package io.rollwright.worker;

import io.rollwright.activities.metrics.Track;
import io.rollwright.api.ApprovalDecision;
import io.rollwright.api.ControlCommand;
import io.rollwright.api.PromoteRequest;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.ReleaseWorkflow;
import io.rollwright.client.ReleaseControls;
import io.rollwright.policy.Strategy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records the histories {@link ReleaseReplayTest} replays. Run it when the workflow changes on
 * purpose (behind {@code Workflow.getVersion} for releases already running): {@code ./mvnw -pl
 * worker test -Dtest=HistoryRecorder#name -Drollwright.record-histories=true}. Histories recorded
 * by earlier versions stay as they were: they prove releases started then still replay.
 */
@EnabledIfSystemProperty(named = "rollwright.record-histories", matches = "true")
class HistoryRecorder extends TimeSkippingReleaseTest {
  static final Path DIR = Path.of("src/test/resources/histories");

  @Test
  void promoted() throws IOException {
    ReleaseWorkflow release = h.start(ReleaseHarness.request("checkout", "gated"));
    h.waitFor(Duration.ofMinutes(41));
    release.approve(new ApprovalDecision("alice", "mine"));
    release.approve(new ApprovalDecision("bob", "ok"));
    release.approve(new ApprovalDecision("carol", "ok"));
    h.result(release);
    save("promoted", "checkout@prod");
  }

  @Test
  void approvalProgress() throws IOException {
    ReleaseWorkflow release = h.start(ReleaseHarness.request("checkout", "gated"));
    h.waitFor(Duration.ofMinutes(41));
    new ReleaseControls(h.client, Duration.ofSeconds(30))
        .send(
            "checkout@prod",
            new ControlCommand(ControlCommand.Action.APPROVE, "alice", "mine", "canary-50"));
    release.control(new ControlCommand(ControlCommand.Action.APPROVE, "bob", "ok", "canary-50"));
    h.waitFor(Duration.ofMinutes(5));
    release.control(new ControlCommand(ControlCommand.Action.APPROVE, "carol", "ok", "canary-50"));
    h.result(release);
    save("approval-progress", "checkout@prod");
  }

  @Test
  void breakGlassByTwo() throws IOException {
    ReleaseRequest override =
        new ReleaseRequest(
            "vault",
            "2.3.0",
            "registry.example/vault:2.3.0",
            "prod",
            Strategy.CANARY,
            "gated",
            null,
            "alice",
            null,
            "abc123");
    ReleaseWorkflow release = h.start(override);
    h.waitFor(Duration.ofMinutes(1));
    release.approve(new ApprovalDecision("dave", "confirmed"));
    h.waitFor(Duration.ofMinutes(3));
    ReleaseControls controls = new ReleaseControls(h.client, Duration.ofSeconds(30));
    controls.send(
        "vault@prod", new ControlCommand(ControlCommand.Action.PAUSE, "bob", "not an operator"));
    controls.send(
        "vault@prod",
        new ControlCommand(ControlCommand.Action.PROMOTE_FULL, "oncall-sam", "incident fix"));
    release.promote(new PromoteRequest("oncall-kim", "agreed", true));
    h.result(release);
    save("break-glass-by-two", "vault@prod");
  }

  @Test
  void rolledBack() throws IOException {
    h.sandbox.metrics().script("payments", Track.CANARY, "error-rate", "0.002, 12m: 0.05");
    h.run(ReleaseHarness.request("payments", "standard"));
    save("rolled-back", "payments@prod");
  }

  @Test
  void bakeBreached() throws IOException {
    h.sandbox.metrics().script("checkout", Track.CANARY, "error-rate", "0.002, 30m: 0.03");
    h.run(ReleaseHarness.request("checkout", "baked"));
    save("bake-breached", "checkout@prod");
  }

  @Test
  void duringCheckFailed() throws IOException {
    ReleaseWorkflow release = h.start(ReleaseHarness.request("checkout", "during"));
    h.waitFor(Duration.ofMinutes(4));
    h.killSwitch.set(true);
    h.result(release);
    save("during-check-failed", "checkout@prod");
  }

  @Test
  void rollback() throws IOException {
    ReleaseRequest first = ReleaseHarness.request("checkout", "baked");
    h.run(first);
    h.run(first.releasing("2.4.0", "registry.example/checkout:2.4.0", false));
    h.run(
        new ReleaseRequest(
            "checkout",
            null,
            null,
            "prod",
            Strategy.ROLLBACK,
            "baked",
            null,
            "bob",
            "p95 doubled",
            null));
    save("rollback", "checkout@prod");
  }

  @Test
  void baked() throws IOException {
    h.run(ReleaseHarness.request("checkout", "baked"));
    save("baked", "checkout@prod");
  }

  @Test
  void approvalTimeout() throws IOException {
    h.run(ReleaseHarness.request("checkout", "gated"));
    save("approval-timeout", "checkout@prod");
  }

  @Test
  void watchedGate() throws IOException {
    ReleaseWorkflow release = h.start(ReleaseHarness.request("checkout", "gated"));
    h.waitFor(Duration.ofMinutes(2));
    release.control(new ControlCommand(ControlCommand.Action.PAUSE, "oncall-sam", "looking"));
    h.waitFor(Duration.ofMinutes(12));
    release.control(new ControlCommand(ControlCommand.Action.RESUME, "oncall-sam", "fine"));
    h.waitFor(Duration.ofMinutes(41));
    release.control(new ControlCommand(ControlCommand.Action.APPROVE, "bob", "ok", "canary-50"));
    h.waitFor(Duration.ofMinutes(5));
    release.control(new ControlCommand(ControlCommand.Action.APPROVE, "carol", "ok", "canary-50"));
    h.result(release);
    save("watched-gate", "checkout@prod");
  }

  @Test
  void breachWhilePaused() throws IOException {
    h.sandbox.metrics().script("checkout", Track.CANARY, "error-rate", "0.002, 14m: 0.07");
    ReleaseWorkflow release = h.start(ReleaseHarness.request("checkout", "gated"));
    h.waitFor(Duration.ofMinutes(2));
    release.control(new ControlCommand(ControlCommand.Action.PAUSE, "oncall-sam", "looking"));
    h.result(release);
    save("breach-while-paused", "checkout@prod");
  }

  @Test
  void pagedWhileStuck() throws IOException {
    h.sandbox.metrics().script("cart", Track.CANARY, "error-rate", "0.3");
    h.cluster().failNext("cart", "route-all-to-stable", 40);
    ReleaseWorkflow release = h.start(ReleaseHarness.request("cart", "fast"));
    h.result(release);
    save("paged-while-rolling-back", "cart@prod");
  }

  @Test
  void pagedWhilePaused() throws IOException {
    ReleaseWorkflow release = h.start(ReleaseHarness.request("checkout", "fast"));
    h.waitFor(Duration.ofMinutes(2));
    release.control(new ControlCommand(ControlCommand.Action.PAUSE, "oncall-sam", "looking"));
    h.waitFor(Duration.ofHours(4).plusMinutes(20));
    release.control(new ControlCommand(ControlCommand.Action.RESUME, "oncall-sam", "back"));
    h.result(release);
    save("paged-while-paused", "checkout@prod");
  }

  @Test
  void stageCheckFailed() throws IOException {
    ReleaseWorkflow release = h.start(ReleaseHarness.request("checkout", "checked"));
    h.waitFor(Duration.ofMinutes(5));
    h.killSwitch.set(true);
    h.result(release);
    save("stage-check-failed", "checkout@prod");
  }

  @Test
  void stageCheckUnanswered() throws IOException {
    ReleaseWorkflow release = h.start(ReleaseHarness.request("checkout", "asked"));
    h.waitFor(Duration.ofMinutes(12));
    release.control(new ControlCommand(ControlCommand.Action.RESUME, "oncall-sam", "again"));
    h.waitFor(Duration.ofMinutes(1));
    release.control(new ControlCommand(ControlCommand.Action.ABORT, "oncall-sam", "down"));
    h.result(release);
    save("stage-check-unanswered", "checkout@prod");
  }

  @Test
  void confirmationAwaited() throws IOException {
    ReleaseWorkflow release = h.start(ReleaseHarness.request("checkout", "confirmed"));
    h.waitFor(Duration.ofMinutes(15));
    release.control(new ControlCommand(ControlCommand.Action.PAUSE, "oncall-sam", "look"));
    h.waitFor(Duration.ofMinutes(3));
    release.control(new ControlCommand(ControlCommand.Action.RESUME, "oncall-sam", "go on"));
    h.waitFor(Duration.ofMinutes(3));
    release.control(new ControlCommand(ControlCommand.Action.ABORT, "oncall-sam", "no window"));
    h.result(release);
    save("confirmation-awaited", "checkout@prod");
  }

  private void save(String name, String releaseId) throws IOException {
    Files.createDirectories(DIR);
    Files.writeString(DIR.resolve(name + ".json"), h.client.fetchHistory(releaseId).toJson(true));
  }
}
