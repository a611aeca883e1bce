package io.rollwright.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollwright.activities.metrics.Track;
import io.rollwright.api.ApprovalDecision;
import io.rollwright.api.AuditEntry;
import io.rollwright.api.CalendarEvent;
import io.rollwright.api.Phase;
import io.rollwright.api.ProgressEvent;
import io.rollwright.api.PromoteRequest;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.ReleaseSearchAttributes;
import io.rollwright.api.ReleaseStatus;
import io.rollwright.api.ReleaseWorkflow;
import io.rollwright.api.RollbackReason;
import io.rollwright.policy.Strategy;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Releases of berlin-shop, whose own policy has deploy windows Tuesday to Thursday 09:00-16:00 in
 * Berlin, and an Easter freeze from Wednesday 2027-03-31 12:00 to Tuesday 2027-04-06 00:00. The
 * clock starts on Friday 2027-03-26 at 16:55 in Berlin; Berlin moves to summer time that Sunday.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CalendarHoldTest {
  static final Instant FRIDAY_1655_BERLIN = Instant.parse("2027-03-26T15:55:00Z");

  @RegisterExtension
  static final TestWorkflowExtension temporal = ReleaseHarness.extension(FRIDAY_1655_BERLIN);

  ReleaseHarness h;

  @BeforeEach
  void startHarness(TestWorkflowEnvironment env, Worker worker) {
    h = new ReleaseHarness(env, worker);
  }

  static <T extends AuditEntry> List<T> entries(ReleaseStatus s, Class<T> type) {
    return s.audit().stream().filter(type::isInstance).map(type::cast).toList();
  }

  @Test
  void aReleaseStartedOnFridayEveningWaitsForTuesdayMorningAcrossTheClockChange() throws Exception {
    ReleaseWorkflow release = h.start(ReleaseHarness.request("berlin-shop", null));
    h.waitFor(Duration.ofHours(1));

    ReleaseStatus held = release.status();
    assertEquals(Phase.HELD, held.phase());
    assertEquals(0.0, held.weight(), "no traffic moves while held");
    // Tuesday 09:00 in Berlin is 07:00 UTC once summer time has begun
    assertEquals(
        "outside the deploy windows (Tue-Thu 09:00-16:00 Europe/Berlin); goes on at"
            + " 2027-03-30T07:00:00Z",
        held.heldBecause());

    ReleaseResult result = h.result(release);
    ReleaseStatus done = release.status();
    assertEquals(ReleaseOutcome.PROMOTED, result.outcome(), result.detail());
    assertNull(done.heldBecause());
    ProgressEvent.StageStarted first = entries(done, ProgressEvent.StageStarted.class).get(0);
    long late = first.atMillis() - Instant.parse("2027-03-30T07:00:00Z").toEpochMilli();
    assertTrue(late >= 0 && late < 60_000, "the first stage started " + late + " ms after 09:00");
    assertEquals(
        List.of("stage canary-10 goes on — the calendar is open"),
        entries(done, CalendarEvent.HoldEnded.class).stream().map(AuditEntry::detail).toList());
    keep("calendar-held");
  }

  @Test
  void aFullPromotionPassesTheCalendarAndIsAudited() {
    ReleaseWorkflow release = h.start(ReleaseHarness.request("berlin-shop", null));
    h.waitFor(Duration.ofHours(1));
    assertEquals(Phase.HELD, release.status().phase());

    release.promote(new PromoteRequest("oncall-sam", "hotfix for the checkout outage", true));
    h.waitFor(Duration.ofMinutes(5));
    assertEquals(Phase.HELD, release.status().phase(), "break-glass needs a second person");
    release.promote(new PromoteRequest("oncall-kim", "agreed", true));
    ReleaseResult result = h.result(release);

    assertEquals(ReleaseOutcome.PROMOTED, result.outcome(), result.detail());
    assertEquals(
        "promoted in full by oncall-sam (confirmed by oncall-kim): hotfix for the checkout outage",
        result.detail());
    assertTrue(
        result.durationMillis() < Duration.ofHours(2).toMillis(), "it did not wait for Tuesday");
    assertEquals(
        List.of(
            "stage canary-10 goes on — promoted in full by oncall-sam (confirmed by oncall-kim)"),
        entries(release.status(), CalendarEvent.HoldEnded.class).stream()
            .map(AuditEntry::detail)
            .toList());
  }

  @Test
  void aHotfixPassesTheFreezeAsBreakGlassConfirmedByASecondHolder() throws Exception {
    // Wednesday 2027-03-31 13:00 in Berlin: inside a window, and inside the Easter freeze
    h.waitFor(Duration.between(FRIDAY_1655_BERLIN, Instant.parse("2027-03-31T11:00:00Z")));
    ReleaseWorkflow release =
        h.start(
            new ReleaseRequest(
                "berlin-shop",
                "2.3.1",
                "registry.example/berlin-shop:2.3.1",
                "prod",
                Strategy.CANARY,
                null,
                null,
                "oncall-sam",
                "checkout outage",
                null,
                null,
                "hotfix"));
    h.waitFor(Duration.ofMinutes(1));
    assertEquals(Phase.AWAITING_APPROVAL, release.status().phase(), "a second holder confirms");
    release.approve(new ApprovalDecision("oncall-kim", "confirmed"));
    ReleaseResult result = h.result(release);

    ReleaseStatus done = release.status();
    assertEquals(ReleaseOutcome.PROMOTED, result.outcome(), result.detail());
    assertEquals("all 1 stages passed", result.detail(), "the hotfix's own stages");
    assertEquals(List.of(), entries(done, CalendarEvent.Held.class), "the freeze did not hold it");
    assertEquals(
        List.of("oncall-sam: asked to break glass — a hotfix release, which passes deploy freezes"),
        entries(done, ProgressEvent.BreakGlassAsked.class).stream()
            .map(AuditEntry::sentence)
            .toList());
    assertEquals(
        "hotfix",
        h.client
            .newUntypedWorkflowStub("berlin-shop@prod")
            .describe()
            .getTypedSearchAttributes()
            .get(ReleaseSearchAttributes.TYPE));
    keep("hotfix-through-freeze");
  }

  /** Replays the release's history, and keeps it for {@link ReleaseReplayTest} when recording. */
  private void keep(String name) throws Exception {
    WorkflowExecutionHistory history = h.client.fetchHistory("berlin-shop@prod");
    ReleaseReplayTest.replay(history);
    if (Boolean.getBoolean("rollwright.record-histories")) {
      Files.writeString(HistoryRecorder.DIR.resolve(name + ".json"), history.toJson(true));
    }
  }

  @Test
  void aFreezeThatBeginsMidReleaseHoldsTheNextStageAndABreachStillRollsBack() throws Exception {
    // Wednesday 2027-03-31 11:55 in Berlin: the first stage starts; its soak ends in the freeze
    h.waitFor(Duration.between(FRIDAY_1655_BERLIN, Instant.parse("2027-03-31T09:55:00Z")));
    ReleaseWorkflow release = h.start(ReleaseHarness.request("berlin-shop", null));
    h.waitFor(Duration.ofMinutes(30));

    ReleaseStatus held = release.status();
    assertEquals(Phase.HELD, held.phase());
    assertEquals("canary-10", held.stage());
    assertEquals(10.0, held.weight(), "the canary keeps its weight while held");
    assertEquals(
        List.of("stage canary-50 waits — change freeze: easter; goes on at 2027-04-06T07:00:00Z"),
        entries(held, CalendarEvent.Held.class).stream().map(AuditEntry::detail).toList());

    h.sandbox.metrics().script("berlin-shop", Track.CANARY, "error-rate", "0.3");
    ReleaseResult result = h.result(release);
    assertEquals(ReleaseOutcome.ROLLED_BACK, result.outcome(), result.detail());
    assertEquals(RollbackReason.ANALYSIS, result.rollbackReason());
    assertTrue(
        result.durationMillis() < Duration.ofHours(1).toMillis(),
        "analysis went on through the hold: the breach rolled back within the hour");
    keep("calendar-breached");
  }
}
