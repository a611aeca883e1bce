package io.rollwright.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rollwright.analysis.CheckReading;
import io.rollwright.analysis.Verdict;
import io.rollwright.policy.BreachAction;
import io.rollwright.policy.Strategy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressRendererTest {
  private static final String SYSTEM = AuditEntry.SYSTEM;
  private static final CheckReading ERRORS =
      new CheckReading(
          "error-rate",
          "error-rate",
          Verdict.FAIL,
          true,
          0.18,
          0.002,
          0.15,
          BreachAction.ROLLBACK,
          "error-rate 18.00% > 15.00%",
          5L);

  private static ReleaseStatus status(List<AuditEntry> audit, ReleaseResult result) {
    return new ReleaseStatus(
        "payments@prod",
        "payments",
        "4.1.0",
        "prod",
        Strategy.CANARY,
        "ci-bot",
        "standard",
        result == null ? Phase.SOAKING : Phase.DONE,
        1,
        2,
        "canary-10",
        10,
        null,
        null,
        List.of(ERRORS),
        List.of(),
        result,
        audit,
        1L);
  }

  @Test
  void eachEventIsOneLineOnceAndTheEndClosesTheProgress() {
    List<AuditEntry> audit =
        new ArrayList<>(
            List.of(
                new ProgressEvent.StageStarted(2, SYSTEM, "canary-10", 10, 240_000),
                new ApprovalEvent.Requested(
                    3, SYSTEM, "stage canary-10", 1, List.of("dana"), 120_000, 123_000, null),
                new ControlEvent.Refused(4, "ci-bot", "approve", "ci-bot cannot approve", 3),
                new ControlEvent.Decided(5, "dana", true, "approved by dana (1 of 1)"),
                new ControlEvent.Promoted(
                    6, "sam", ControlEvent.Promotion.FULL_ASKED, "canary-10", "hotfix"),
                new ControlEvent.Paused(7, "sam", "looking"),
                new AuditEntry.Noted(8, "bob", "approved", "written before events were typed")));
    ProgressRenderer renderer = new ProgressRenderer();

    assertEquals(
        List.of(
            "🚀 Release payments@prod: payments 4.1.0 → prod (canary, policy standard, requested by"
                + " ci-bot)",
            "🐦 Stage canary-10 started — canary at 10%, soaking 4m",
            "⏳ Approval requested — stage canary-10: 1 approval(s) needed from dana within 2m (by"
                + " 1970-01-01T00:02:03Z)",
            "⛔ Refused approve from ci-bot — ci-bot cannot approve (×3)",
            "✋ Approved by dana (1 of 1)",
            "⏯  sam: paused — looking"),
        renderer.next(status(audit, null)),
        "a promotion still waiting for its second person, and an untyped entry, are not lines");

    audit.add(new AnalysisEvent.Analysed(9, SYSTEM, Verdict.FAIL, "error-rate", 1, 1_000));
    audit.add(new ProgressEvent.RollingBack(10, SYSTEM, RollbackReason.ANALYSIS, "error-rate 18%"));
    ReleaseResult end =
        new ReleaseResult(
            "payments@prod",
            ReleaseOutcome.ROLLED_BACK,
            RollbackReason.ANALYSIS,
            "error-rate",
            5_100);
    assertEquals(
        List.of(
            "📈 Analysis FAIL — error-rate (1 sample(s) over 1s)",
            "  • error-rate 18.00% > 15.00% ❌",
            "🚨 Alert: analysis: error-rate 18%",
            "🔄 Triggering rollback...",
            "🔙 payments@prod ROLLED_BACK in 5.1s — reason (analysis): error-rate"),
        renderer.next(status(audit, end)));
    assertEquals(List.of(), renderer.next(status(audit, end)), "nothing is shown twice");
  }
}
