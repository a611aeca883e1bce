package io.rollwright.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import io.rollwright.analysis.Verdict;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuditEntryJsonTest {
  private static final DataConverter CONVERTER = ReleasePayloads.converter();

  /** A holder as the status and the carried checkpoint hold entries: typed by their field. */
  record Timeline(List<AuditEntry> audit) {}

  private static Timeline roundTrip(Timeline t) {
    return CONVERTER.fromPayload(
        CONVERTER.toPayload(t).orElseThrow(), Timeline.class, Timeline.class);
  }

  @Test
  void everyKindOfEventReadsBackAsItself() {
    Timeline t =
        new Timeline(
            List.of(
                new ProgressEvent.Started(1, "alice", "checkout", "v2", "prod", "canary", "p", "x"),
                new ProgressEvent.StageStarted(2, AuditEntry.SYSTEM, "canary-5", 5, 600_000),
                new ControlEvent.Refused(3, "carol", "approve", "not allowed", 4),
                new ControlEvent.NotAnApprover(3, "erin", "reject", "canary-5", "bob, dan", 2),
                new ControlEvent.NotAnApprover(3, "erin", "approve", null, "bob, dan", 1),
                new ControlEvent.Promoted(
                    4, "bob", ControlEvent.Promotion.SOAK_ENDED, "canary-5", "looks good"),
                new ApprovalEvent.Requested(
                    5,
                    AuditEntry.SYSTEM,
                    "stage canary-5",
                    2,
                    List.of("bob", "dan"),
                    3_600_000,
                    9,
                    List.of("sre")),
                new AnalysisEvent.Analysed(6, AuditEntry.SYSTEM, Verdict.FAIL, "errors", 3, 61_000),
                new AnalysisEvent.Note(7, AuditEntry.SYSTEM, AnalysisEvent.NoteKind.GAP, "gap"),
                new ProgressEvent.RollingBack(8, AuditEntry.SYSTEM, RollbackReason.ANALYSIS, "e"),
                new ProgressEvent.Finished(
                    9, AuditEntry.SYSTEM, ReleaseOutcome.ROLLED_BACK, "errors"),
                new AuditEntry.NotShown(10, AuditEntry.SYSTEM, 12),
                new AuditEntry.RefusalsCounted(11, AuditEntry.SYSTEM, 7)));
    assertEquals(t, roundTrip(t));
  }

  @Test
  void theWireCarriesTheEventsFieldsAndTypeNotItsRenderedWords() {
    String json =
        new String(
            CONVERTER
                .toPayload(
                    new Timeline(
                        List.of(new ControlEvent.Refused(3, "carol", "approve", "not allowed"))))
                .orElseThrow()
                .getData()
                .toByteArray(),
            StandardCharsets.UTF_8);
    assertTrue(json.contains("\"type\":\"refused\""), json);
    assertTrue(json.contains("\"control\":\"approve\""), json);
    assertFalse(
        json.contains("sentence") || json.contains("action") || json.contains("kind"), json);
  }

  @Test
  void aStrangersRefusalNamesThemOnceOnTheWireAndReadsAsTheirAnswerSaid() {
    ControlEvent.NotAnApprover stranger =
        new ControlEvent.NotAnApprover(3, "stranger-17", "approve", null, List.of("bob", "dan"))
            .times(25);
    String json =
        new String(
            CONVERTER
                .toPayload(new Timeline(List.of(stranger)))
                .orElseThrow()
                .getData()
                .toByteArray(),
            StandardCharsets.UTF_8);
    assertEquals(
        "{\"audit\":[{\"type\":\"not-an-approver\",\"atMillis\":3,\"actor\":\"stranger-17\","
            + "\"control\":\"approve\",\"stage\":null,\"allowed\":\"bob, dan\",\"count\":25}]}",
        json);
    assertEquals(
        "stranger-17: refused approve — stranger-17 is not an allowed approver at any gate of this"
            + " release (allowed: bob, dan) (×25)",
        stranger.sentence());
    assertEquals(
        "stranger-17 is not an allowed approver for stage canary-5 (allowed: bob)",
        new ControlEvent.NotAnApprover(3, "stranger-17", "reject", "canary-5", List.of("bob"))
            .reason());
  }

  @Test
  void anApprovalRequestWrittenBeforeFromEachReadsWithNoGroups() throws Exception {
    List<AuditEntry> read =
        ReleasePayloads.mapper()
            .readValue(
                "[{\"type\":\"approval-requested\",\"atMillis\":5,\"actor\":\"rollwright\","
                    + "\"gate\":\"stage canary\",\"required\":1,\"from\":[\"bob\"],"
                    + "\"timeoutMillis\":60000,\"deadlineMillis\":60005}]",
                new TypeReference<List<AuditEntry>>() {});
    assertEquals(
        List.of(
            new ApprovalEvent.Requested(
                5, "rollwright", "stage canary", 1, List.of("bob"), 60_000, 60_005, List.of())),
        read);
  }

  @Test
  void anEntryWrittenBeforeEventsWereTypedReadsAsItsWords() throws Exception {
    List<AuditEntry> read =
        ReleasePayloads.mapper()
            .readValue(
                "[{\"atMillis\":5,\"actor\":\"bob\",\"action\":\"approved\","
                    + "\"detail\":\"approved by bob (1 of 2)\"}]",
                new TypeReference<List<AuditEntry>>() {});
    assertEquals(
        List.of(new AuditEntry.Noted(5, "bob", "approved", "approved by bob (1 of 2)")), read);
    assertEquals("bob: approved — approved by bob (1 of 2)", read.get(0).sentence());
  }

  @Test
  void aDecisionKeepsTheApproversReasonAndOneWrittenWithoutItReadsWithNone() throws Exception {
    ControlEvent.Decided approved =
        new ControlEvent.Decided(5, "bob", true, "approved by bob (1 of 2)", "errors flat at 5%");
    assertEquals(approved, roundTrip(new Timeline(List.of(approved))).audit().get(0));
    assertEquals(
        "bob: approved — approved by bob (1 of 2); reason: errors flat at 5%", approved.sentence());
    assertEquals(
        "carol: rejected — rejected by carol",
        new ControlEvent.Decided(6, "carol", false, "rejected by carol", "  ").sentence(),
        "a blank reason is no reason");

    List<AuditEntry> before =
        ReleasePayloads.mapper()
            .readValue(
                "[{\"type\":\"decided\",\"atMillis\":5,\"actor\":\"bob\",\"approved\":true,"
                    + "\"answer\":\"approved by bob (1 of 2)\"}]",
                new TypeReference<List<AuditEntry>>() {});
    assertEquals(
        List.of(new ControlEvent.Decided(5, "bob", true, "approved by bob (1 of 2)", null)),
        before);
  }

  @Test
  void notifiersHearTheEventAndFileItUnderItsKind() {
    ReleaseEvent told =
        new ReleaseEvent(
            "checkout-prod",
            "run",
            "checkout",
            "prod",
            new ProgressEvent.StageStarted(2, AuditEntry.SYSTEM, "canary-5", 5, 600_000),
            "canary-5",
            5,
            null,
            null,
            0,
            List.of(),
            null,
            null);
    assertEquals(ReleaseEvent.Kind.STAGE_STARTED, told.kind());
    assertEquals("stage canary-5 started — canary at 5%, soaking 10m", told.message());
    Optional<Payload> payload = CONVERTER.toPayload(told);
    assertEquals(
        told, CONVERTER.fromPayload(payload.orElseThrow(), ReleaseEvent.class, ReleaseEvent.class));
  }
}
