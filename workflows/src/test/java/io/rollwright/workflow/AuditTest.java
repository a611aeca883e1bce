package io.rollwright.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rollwright.api.AuditEntry;
import io.rollwright.api.Limits;
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

    assertEquals(List.of(
        refusal("alice", "alice requested this release and cannot approve it (×1,998)"),
        new AuditEntry(8L, "bob", "approved", "approved by bob (1 of 2)"),
        refusal("mallory", "mallory is not an allowed approver")), audit.shown());
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
    assertEquals(new AuditEntry(7L, ReleaseState.SYSTEM, "refusals counted", "more than 50 different refusals; 4,950 further refusal(s) were only counted"),
        shown.get(Audit.REFUSALS_KEPT));
    assertEquals(new AuditEntry(9L, "rollwright", "rolled_back", "aborted by sam: pager"), shown.get(Audit.REFUSALS_KEPT + 1));
  }

  @Test
  void longTextsAreCutInWhatIsShown() {
    Audit audit = new Audit();
    audit.decision(new AuditEntry(1L, "x".repeat(5_000), "aborted", "y".repeat(50_000)));

    AuditEntry shown = audit.shown().get(0);
    assertEquals("x".repeat(Limits.ACTOR - 1) + "…", shown.actor());
    assertEquals("y".repeat(Audit.DETAIL_SHOWN - 1) + "…", shown.detail());
  }
}
