package io.rollwright.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import io.rollwright.activities.metrics.Track;
import io.rollwright.activities.notify.pagerduty.PagerDutyEventsClient;
import io.rollwright.activities.notify.pagerduty.PagerDutyNotifier;
import io.rollwright.activities.notify.slack.SlackNotifier;
import io.rollwright.api.ControlCommand;
import io.rollwright.api.ControlCommand.Action;
import io.rollwright.api.ProgressEvent;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.ReleaseWorkflow;
import io.rollwright.client.ReleaseControls;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * On-call paged through a PagerDuty Events API v2 stand-in (and mentioned in Slack) when a release
 * is stuck or ends FAILED; the page resolved when it recovers; a release that rolls back as it
 * should pages nobody.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PagingTest {
  @RegisterExtension static final TestWorkflowExtension temporal = ReleaseHarness.extension();

  private static final String ONCALL = "<!subteam^S0NCALL>";

  private FakePagerDutyApi pagerDuty;
  private FakeSlackApi slack;
  private ReleaseHarness h;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, Worker worker) throws Exception {
    pagerDuty = new FakePagerDutyApi();
    slack = new FakeSlackApi();
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(slack.url());
    h =
        new ReleaseHarness(
            env,
            worker,
            clock -> null,
            List.of(
                new PagerDutyNotifier(
                    new PagerDutyEventsClient(URI.create(pagerDuty.url()), Duration.ofSeconds(5)),
                    FakePagerDutyApi.ROUTING_KEY,
                    "http://ui.example",
                    "default"),
                new SlackNotifier(
                    Slack.getInstance(config).methods("xoxb-test"), "#releases", ONCALL)));
  }

  @AfterEach
  void tearDown() {
    pagerDuty.close();
    slack.close();
  }

  private List<String> actions() {
    return pagerDuty.events().stream().map(e -> e.path("event_action").asText()).toList();
  }

  private List<String> mentions() {
    return slack.calls().stream()
        .filter(c -> c.method().equals("chat.postMessage"))
        .map(c -> c.params().getOrDefault("text", ""))
        .filter(text -> text.contains(ONCALL))
        .toList();
  }

  @Test
  void aRollbackThatCannotFinishPagesWhileRetryingAndAgainWhenItFails() {
    h.sandbox.metrics().script("cart", Track.CANARY, "error-rate", "0.3");
    h.cluster().failNext("cart", "route-all-to-stable", Integer.MAX_VALUE);

    ReleaseWorkflow release = h.start(ReleaseHarness.request("cart", "fast"));
    ReleaseResult result = h.result(release);

    assertEquals(ReleaseOutcome.FAILED, result.outcome());
    assertEquals(List.of("trigger", "trigger"), actions());
    JsonNode stuck = pagerDuty.events().get(0);
    String runId = release.status().releaseId();
    assertTrue(
        stuck
            .at("/payload/summary")
            .asText()
            .startsWith("Release cart@prod: stuck rolling back — for 10m"),
        stuck.toString());
    assertEquals("critical", stuck.at("/payload/severity").asText());
    assertEquals("cart", stuck.at("/payload/component").asText());
    assertEquals(
        stuck.path("dedup_key").asText(),
        pagerDuty.events().get(1).path("dedup_key").asText(),
        "one alert per release: the failure updates it");
    assertTrue(stuck.path("dedup_key").asText().startsWith("rollwright/" + runId + "/"));
    assertTrue(
        pagerDuty
            .events()
            .get(1)
            .at("/payload/summary")
            .asText()
            .startsWith("Release cart@prod: failed — "),
        pagerDuty.events().get(1).toString());
    assertTrue(
        stuck
            .path("client_url")
            .asText()
            .startsWith("http://ui.example/namespaces/default/workflows/cart%40prod/"));
    assertEquals(2, mentions().size(), "on-call mentioned in the thread: " + mentions());
    assertEquals(
        1, release.status().audit().stream().filter(ProgressEvent.Stuck.class::isInstance).count());
  }

  @Test
  void aReleasePausedPastItsBoundPagesAndResumingResolvesThePage() {
    ReleaseWorkflow release = h.start(ReleaseHarness.request("checkout", "fast"));
    h.waitFor(Duration.ofMinutes(2));
    ReleaseControls controls = new ReleaseControls(h.client, Duration.ofSeconds(30));
    assertTrue(
        controls
            .send("checkout@prod", new ControlCommand(Action.PAUSE, "oncall-sam", "looking"))
            .accepted());
    // The soak goes on while paused; the release is held from its end (minute 10).
    h.waitFor(Duration.ofHours(4));
    assertEquals(List.of(), actions(), "held for 3h52m: not yet past the 4h bound");
    h.waitFor(Duration.ofMinutes(15));
    assertEquals(List.of("trigger"), actions());
    assertTrue(
        pagerDuty
            .events()
            .get(0)
            .at("/payload/summary")
            .asText()
            .contains("stuck paused — for 4h (paused by oncall-sam: looking)"),
        pagerDuty.events().get(0).toString());

    assertTrue(
        controls
            .send("checkout@prod", new ControlCommand(Action.RESUME, "oncall-sam", "back"))
            .accepted());
    ReleaseResult result = h.result(release);

    assertEquals(ReleaseOutcome.PROMOTED, result.outcome(), result.detail());
    assertEquals(List.of("trigger", "resolve", "resolve"), actions());
    assertEquals(
        1, pagerDuty.events().stream().map(e -> e.path("dedup_key").asText()).distinct().count());
    assertEquals(1, mentions().size());
  }

  @Test
  void aRollbackThatFinishesPagesNobody() {
    h.sandbox.metrics().script("cart", Track.CANARY, "error-rate", "0.3");

    ReleaseResult result = h.run(ReleaseHarness.request("cart", "fast"));

    assertEquals(ReleaseOutcome.ROLLED_BACK, result.outcome(), result.detail());
    assertEquals(List.of("resolve"), actions(), "its end only resolves a page it may have had");
    assertEquals(List.of(), mentions());
  }

  @Test
  void anEventPagerDutyRefusesIsNotRetriedAndAMisconfiguredMentionIsRefusedAtStart() {
    PagerDutyEventsClient client =
        new PagerDutyEventsClient(URI.create(pagerDuty.url()), Duration.ofSeconds(5));
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                client.send(
                    new PagerDutyEventsClient.Event(
                        "too-short", "resolve", null, null, null, null)));
    assertTrue(refused.getMessage().startsWith("PagerDuty answered 400"), refused.getMessage());
    assertTrue(refused.getMessage().contains("'routing_key' must be 32 characters"));
    assertTrue(refused.getMessage().contains("'dedup_key' is required for resolve"));

    IllegalArgumentException mention =
        assertThrows(
            IllegalArgumentException.class,
            () -> new SlackNotifier(Slack.getInstance().methods("xoxb-test"), "#r", "@oncall"));
    assertTrue(mention.getMessage().startsWith("rollwright.slack.oncall: a Slack mention"));
  }
}
