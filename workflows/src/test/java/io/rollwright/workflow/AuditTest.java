package io.rollwright.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rollwright.api.AuditEntry;
import io.rollwright.api.ControlEvent;
import io.rollwright.api.ProgressEvent;
import io.rollwright.api.ReleaseOutcome;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditTest {
  private static ControlEvent.Refused refusal(String actor, String reason) {
    return new ControlEvent.Refused(7L, actor, "approve", reason);
  }

  private static ControlEvent.Decided approval(long at, String answer) {
    return new ControlEvent.Decided(at, "bob", true, answer);
  }

  @Test
  void aRepeatedRefusalIsOneEntryWithItsCountWhereverTheRepeatsCome() {
    Audit audit = new Audit();
    audit.refusal(refusal("alice", "alice requested this release and cannot approve it"));
    audit.decision(approval(8L, "approved by bob (1 of 2)"));
    for (int i = 0; i < 1_997; i++) {
      audit.refusal(refusal("alice", "alice requested this release and cannot approve it"));
    }
    audit.refusal(refusal("mallory", "mallory is not an allowed approver"));

    assertEquals(
        List.of(
            refusal("alice", "alice requested this release and cannot approve it").times(1_998),
            approval(8L, "approved by bob (1 of 2)"),
            refusal("mallory", "mallory is not an allowed approver")),
        audit.shown());
  }

  @Test
  void beyondTheCapDifferentRefusalsAreOnlyCountedAndDecisionsStillKept() {
    Audit audit = new Audit();
    for (int i = 0; i < 5_000; i++) {
      audit.refusal(refusal("actor-" + i, "not allowed"));
    }
    ProgressEvent.Finished end =
        new ProgressEvent.Finished(
            9L, ReleaseState.SYSTEM, ReleaseOutcome.ROLLED_BACK, "aborted by sam: pager");
    audit.decision(end);

    List<AuditEntry> shown = audit.shown();
    assertEquals(Audit.REFUSALS_KEPT + 2, shown.size());
    assertEquals(refusal("actor-49", "not allowed"), shown.get(Audit.REFUSALS_KEPT - 1));
    assertEquals(
        "more than 50 different refusals; 4,950 further refusal(s) were only counted",
        shown.get(Audit.REFUSALS_KEPT).detail());
    assertEquals(
        new AuditEntry.RefusalsCounted(7L, ReleaseState.SYSTEM, 4_950),
        shown.get(Audit.REFUSALS_KEPT));
    assertEquals(end, shown.get(Audit.REFUSALS_KEPT + 1));
  }

  @Test
  void longTextsAreCutInWhatIsShown() {
    Audit audit = new Audit();
    audit.refusal(new ControlEvent.Refused(1L, "carol", "pause", "y".repeat(50_000)));
    audit.decision(
        new ProgressEvent.Finished(1L, "rollwright", ReleaseOutcome.FAILED, "z".repeat(50_000)));

    List<AuditEntry> shown = audit.shown();
    assertEquals("y".repeat(AuditEntry.TEXT_KEPT - 1) + "…", shown.get(0).detail());
    assertEquals("z".repeat(AuditEntry.TEXT_KEPT - 1) + "…", shown.get(1).detail());
  }

  @Test
  void aCarriedTimelineShowsTheSameAndFoldsOnAcrossRuns() {
    Audit audit = new Audit();
    for (int i = 0; i < 1_000; i++) {
      audit.refusal(refusal("alice", "alice requested this release and cannot approve it"));
      audit.decision(
          i % 2 == 0
              ? new ControlEvent.Paused(i, "sam", "watching")
              : new ControlEvent.Resumed(i, "sam", "watching"));
    }
    for (int i = 0; i < 200; i++) {
      audit.refusal(refusal("actor-" + i, "not allowed"));
    }
    List<AuditEntry> before = audit.shown();

    List<ReleaseCheckpoint.AuditLine> carried = audit.carry();
    assertEquals(
        Audit.DECISIONS_SHOWN + Audit.REFUSALS_KEPT + 1,
        carried.size(),
        "bounded whatever was sent");
    Audit next = new Audit(carried, audit.decisionsLeftOut());
    assertEquals(before, next.shown());

    next.refusal(refusal("alice", "alice requested this release and cannot approve it"));
    next.refusal(refusal("actor-500", "not allowed"));
    next.decision(approval(5_000L, "approved by bob (1 of 1)"));
    List<AuditEntry> shown = next.shown();
    assertEquals(
        refusal("alice", "alice requested this release and cannot approve it").times(1_001),
        shown.get(0));
    assertEquals(
        new AuditEntry.RefusalsCounted(7L, ReleaseState.SYSTEM, 152),
        shown.stream()
            .filter(AuditEntry.RefusalsCounted.class::isInstance)
            .findFirst()
            .orElseThrow());
    AuditEntry notShown =
        shown.stream().filter(AuditEntry.NotShown.class::isInstance).findFirst().orElseThrow();
    assertEquals(new AuditEntry.NotShown(951L, ReleaseState.SYSTEM, 901), notShown);
    assertEquals(
        "901 decisions here are not shown; the release's history has them", notShown.detail());
    assertEquals(approval(5_000L, "approved by bob (1 of 1)"), shown.get(shown.size() - 1));
  }

  @Test
  void aTimelineCarriedBeforeEventsWereTypedReadsAsItWasWritten() {
    List<ReleaseCheckpoint.AuditLine> carried =
        List.of(
            new ReleaseCheckpoint.AuditLine(
                new AuditEntry.Noted(3L, "carol", "refused approve", "not allowed"), false, 4),
            new ReleaseCheckpoint.AuditLine(
                new AuditEntry.Noted(5L, ReleaseState.SYSTEM, "refusals counted", null), false, 9),
            new ReleaseCheckpoint.AuditLine(
                new AuditEntry.Noted(6L, "bob", "approved", "approved by bob (1 of 2)"), true, 1));
    Audit audit = new Audit(carried, 0);
    audit.refusal(refusal("mallory", "not allowed either"));

    assertEquals(
        List.of(
            new AuditEntry.Noted(3L, "carol", "refused approve", "not allowed (×4)"),
            new AuditEntry.RefusalsCounted(5L, ReleaseState.SYSTEM, 9),
            new AuditEntry.Noted(6L, "bob", "approved", "approved by bob (1 of 2)"),
            refusal("mallory", "not allowed either")),
        audit.shown());
  }
}
