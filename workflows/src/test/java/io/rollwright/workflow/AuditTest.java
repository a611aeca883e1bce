package io.rollwright.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rollwright.api.AuditEntry;
import io.rollwright.policy.Limits;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditTest {
  private static AuditEntry refusal(String actor, String detail) {
    return new AuditEntry(7L, actor, "refused approve", detail);
  }

  @Test
  void aRepeatedRefusalIsOneEntryWithItsCountWhereverTheRepeatsCome() {
    Audit audit = new Audit();
    audit.refusal(refusal("alice", "alice requested this release and cannot approve it"));
    audit.decision(new AuditEntry(8L, "bob", "approved", "approved by bob (1 of 2)"));
    for (int i = 0; i < 1_997; i++) {
      audit.refusal(refusal("alice", "alice requested this release and cannot approve it"));
    }
    audit.refusal(refusal("mallory", "mallory is not an allowed approver"));

    assertEquals(
        List.of(
            refusal("alice", "alice requested this release and cannot approve it (×1,998)"),
            new AuditEntry(8L, "bob", "approved", "approved by bob (1 of 2)"),
            refusal("mallory", "mallory is not an allowed approver")),
        audit.shown());
  }

  @Test
  void beyondTheCapDifferentRefusalsAreOnlyCountedAndDecisionsStillKept() {
    Audit audit = new Audit();
    for (int i = 0; i < 5_000; i++) {
      audit.refusal(refusal("actor-" + i, "not allowed"));
    }
    audit.decision(new AuditEntry(9L, "rollwright", "rolled_back", "aborted by sam: pager"));

    List<AuditEntry> shown = audit.shown();
    assertEquals(Audit.REFUSALS_KEPT + 2, shown.size());
    assertEquals(refusal("actor-49", "not allowed"), shown.get(Audit.REFUSALS_KEPT - 1));
    assertEquals(
        new AuditEntry(
            7L,
            ReleaseState.SYSTEM,
            "refusals counted",
            "more than 50 different refusals; 4,950 further refusal(s) were only counted"),
        shown.get(Audit.REFUSALS_KEPT));
    assertEquals(
        new AuditEntry(9L, "rollwright", "rolled_back", "aborted by sam: pager"),
        shown.get(Audit.REFUSALS_KEPT + 1));
  }

  @Test
  void longTextsAreCutInWhatIsShown() {
    Audit audit = new Audit();
    audit.decision(new AuditEntry(1L, "x".repeat(5_000), "aborted", "y".repeat(50_000)));

    AuditEntry shown = audit.shown().get(0);
    assertEquals("x".repeat(Limits.ACTOR - 1) + "…", shown.actor());
    assertEquals("y".repeat(Audit.DETAIL_SHOWN - 1) + "…", shown.detail());
  }

  @Test
  void aCarriedTimelineShowsTheSameAndFoldsOnAcrossRuns() {
    Audit audit = new Audit();
    for (int i = 0; i < 1_000; i++) {
      audit.refusal(refusal("alice", "alice requested this release and cannot approve it"));
      audit.decision(new AuditEntry(i, "sam", i % 2 == 0 ? "paused" : "resumed", "watching"));
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
    next.decision(new AuditEntry(5_000L, "bob", "approved", "approved by bob (1 of 1)"));
    List<AuditEntry> shown = next.shown();
    assertEquals(
        refusal("alice", "alice requested this release and cannot approve it (×1,001)"),
        shown.get(0));
    assertEquals(
        new AuditEntry(
            7L,
            ReleaseState.SYSTEM,
            "refusals counted",
            "more than 50 different refusals; 152 further refusal(s) were only counted"),
        shown.stream()
            .filter(e -> e.action().equals("refusals counted"))
            .findFirst()
            .orElseThrow());
    assertEquals(
        new AuditEntry(
            951L,
            ReleaseState.SYSTEM,
            "entries not shown",
            "901 decisions here are not shown; the release's history has them"),
        shown.stream()
            .filter(e -> e.action().equals("entries not shown"))
            .findFirst()
            .orElseThrow());
    assertEquals(
        new AuditEntry(5_000L, "bob", "approved", "approved by bob (1 of 1)"),
        shown.get(shown.size() - 1));
  }
}
