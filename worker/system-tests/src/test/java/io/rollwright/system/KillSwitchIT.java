package io.rollwright.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rollwright.api.ControlAnswer;
import io.rollwright.api.KillSwitch;
import io.rollwright.api.KillSwitchFlip;
import io.rollwright.api.Phase;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.ReleaseStatus;
import io.rollwright.client.KillSwitches;
import io.rollwright.worker.FakeSlackApi;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Kill switches on the real dev server. The global one, across a worker killed with {@code kill
 * -9}: it halts a soaking release where it is, still holds it under the next worker, blocks a new
 * release, and lets the halted one go on once it is turned off. A service's own, through the REST
 * API and Slack's slash command: only its operators may flip it, and what it says holds.
 */
class KillSwitchIT extends RealServerTest {
  private static final Duration UP = Duration.ofMinutes(2);

  @Test
  void theGlobalSwitchHoldsReleasesAcrossAWorkerRestartUntilItIsTurnedOff() throws Exception {
    KillSwitches switches = new KillSwitches(server.client());
    String id = start(request("checkout", "switched"));
    try (AppProcess first = worker("switch-1").awaitUp(UP)) {
      awaitAction("checkout", "set-weight 10%", Duration.ofMinutes(1));
      ControlAnswer on = switches.flip("global", true, "oncall-sam", "incident 4711");
      assertTrue(on.accepted(), on.message());
      assertEquals(
          "kill switch global on by oncall-sam: incident 4711 (1 running release(s) told)",
          on.message());
      awaitPhase(id, Phase.PAUSED, Duration.ofSeconds(30));
      first.kill9();
    }
    try (AppProcess second = worker("switch-2").awaitUp(UP)) {
      Thread.sleep(25_000);
      ReleaseStatus held = release(id).status();
      assertEquals(Phase.PAUSED, held.phase(), "still held past the end of its soak");
      assertEquals(10.0, held.weight());
      assertTrue(switches.state("global").on(), "the switch outlived the worker");

      ReleaseResult blocked = result(start(request("cart", "switched")), Duration.ofMinutes(1));
      assertEquals(ReleaseOutcome.BLOCKED, blocked.outcome());
      assertTrue(
          blocked.detail().contains("kill switch global on by oncall-sam: incident 4711"),
          blocked.detail());

      assertTrue(switches.flip("global", false, "oncall-sam", "incident over").accepted());
      ReleaseResult result = result(id, Duration.ofMinutes(1));
      assertEquals(ReleaseOutcome.PROMOTED, result.outcome(), result.detail());
    }
  }

  @Test
  void aServicesSwitchIsFlippedOverRestAndSlackByItsOperatorsOnly() throws Exception {
    try (FakeSlackApi slack =
            new FakeSlackApi()
                .user("U_KIM", "kim@example.com")
                .user("U_ALICE", "alice@example.com");
        AppProcess worker = worker("switch-doors").awaitUp(UP);
        AppProcess service =
            AppProcess.service(
                    server,
                    dir.resolve("switch-service.log"),
                    "--rollwright.api.tokens.alice=tok-alice",
                    "--rollwright.api.tokens.oncall-sam=tok-sam",
                    "--rollwright.slack.token=xoxb-test",
                    "--rollwright.slack.api-url=" + slack.url(),
                    "--rollwright.slack.signing-secret=" + SlackClicks.SECRET)
                .awaitUp(UP)) {
      String path = "/kill-switches/switchboard/prod";
      String why = "{\"reason\":\"payment provider down\"}";
      assertFalse(
          RestCalls.call(service, "GET", path, "tok-alice", null).body().path("on").asBoolean());
      assertEquals(401, RestCalls.call(service, "GET", path, null, null).status());
      assertEquals(401, RestCalls.call(service, "POST", path + "/on", null, why).status());

      RestCalls.Reply refused = RestCalls.call(service, "POST", path + "/on", "tok-alice", why);
      assertEquals(403, refused.status(), refused.raw().body());
      assertTrue(
          refused
              .body()
              .path("detail")
              .asText()
              .contains(
                  "alice may not flip the kill switch switchboard@prod: that needs the operators role"),
          refused.raw().body());
      assertEquals(400, RestCalls.call(service, "POST", path + "/on", "tok-sam", null).status());
      assertEquals(
          404, RestCalls.call(service, "POST", path + "/sideways", "tok-sam", why).status());

      RestCalls.Reply on = RestCalls.call(service, "POST", path + "/on", "tok-sam", why);
      assertEquals(200, on.status(), on.raw().body());
      assertTrue(
          on.body()
              .path("message")
              .asText()
              .startsWith("kill switch switchboard@prod on by oncall-sam: payment provider down"),
          on.raw().body());
      RestCalls.Reply shown = RestCalls.call(service, "GET", path, "tok-alice", null);
      assertTrue(shown.body().path("on").asBoolean(), shown.raw().body());
      assertEquals("oncall-sam", shown.body().path("last").path("actor").asText());

      ReleaseResult blocked =
          result(start(request("switchboard", "switchboard")), Duration.ofMinutes(1));
      assertEquals(ReleaseOutcome.BLOCKED, blocked.outcome(), blocked.detail());
      assertTrue(blocked.detail().contains("payment provider down"), blocked.detail());

      SlackClicks slash = new SlackClicks(service, slack);
      assertEquals(
          200,
          slash
              .command("U_ALICE", "kill-switch off switchboard prod fixed", "alice-off")
              .statusCode());
      JsonNode toAlice = slash.responseTo("alice-off");
      assertEquals("ephemeral", toAlice.path("response_type").asText(), toAlice.toString());
      assertTrue(
          toAlice.path("text").asText().contains("alice@example.com may not flip"),
          toAlice.toString());

      slash.command("U_KIM", "kill-switch off switchboard prod provider is back", "kim-off");
      JsonNode toChannel = slash.responseTo("kim-off");
      assertEquals("in_channel", toChannel.path("response_type").asText(), toChannel.toString());
      assertTrue(
          toChannel
              .path("text")
              .asText()
              .contains("kill switch switchboard@prod off by kim@example.com: provider is back"),
          toChannel.toString());
      KillSwitch off = new KillSwitches(server.client()).state("switchboard@prod");
      assertFalse(off.on());
      assertEquals(
          List.of("oncall-sam", "kim@example.com"),
          off.flips().stream().map(KillSwitchFlip::actor).toList(),
          "who flipped it, in order");

      ReleaseResult promoted =
          result(
              start(request("switchboard", "2.3.1", "prod", "switchboard")), Duration.ofMinutes(1));
      assertEquals(ReleaseOutcome.PROMOTED, promoted.outcome(), promoted.detail());
    }
  }
}
