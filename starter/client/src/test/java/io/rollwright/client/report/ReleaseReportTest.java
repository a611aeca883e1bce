package io.rollwright.client.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollwright.api.AuditEntry;
import io.rollwright.api.ControlEvent;
import io.rollwright.api.Phase;
import io.rollwright.api.ProgressEvent;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.ReleaseStatus;
import io.rollwright.api.RollbackReason;
import io.rollwright.client.DeliveryReport;
import io.rollwright.policy.Strategy;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

class ReleaseReportTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final long MIN = 60_000;

  private static final ReleaseStatus ROLLED_BACK =
      new ReleaseStatus(
          "shop@prod",
          "shop",
          "2.0.0",
          "prod",
          Strategy.CANARY,
          "alice",
          "standard",
          Phase.DONE,
          2,
          3,
          "canary-25",
          0,
          null,
          null,
          List.of(),
          List.of(),
          new ReleaseResult(
              "shop@prod",
              ReleaseOutcome.ROLLED_BACK,
              RollbackReason.ANALYSIS,
              "error-rate 9.00% > 5.00% <for 5m>",
              20 * MIN),
          List.of(
              new ProgressEvent.StageStarted(T0 + MIN, AuditEntry.SYSTEM, "canary-5", 5, 10 * MIN),
              new ControlEvent.Decided(T0 + 11 * MIN, "bob", true, "approved by bob (1 of 1)"),
              new ProgressEvent.StageStarted(
                  T0 + 12 * MIN, AuditEntry.SYSTEM, "canary-25", 25, 10 * MIN),
              new ProgressEvent.RollingBack(
                  T0 + 19 * MIN, AuditEntry.SYSTEM, RollbackReason.ANALYSIS, "error-rate"),
              new ProgressEvent.Finished(
                  T0 + 20 * MIN, AuditEntry.SYSTEM, ReleaseOutcome.ROLLED_BACK, "error-rate")),
          T0,
          null,
          null,
          List.of());

  private static final DeliveryReport HISTORY =
      DeliveryReport.of(
          List.of(), Instant.ofEpochMilli(T0 - 30 * 1440 * MIN), Instant.ofEpochMilli(T0));

  @Test
  void eachStageLastsUntilTheNextOrTheRollback() {
    List<ReleaseReport.StageSpan> spans = ReleaseReport.stages(ROLLED_BACK, T0 + 60 * MIN);
    assertEquals(
        List.of(
            new ReleaseReport.StageSpan("canary-5", 5, T0 + MIN, 11 * MIN),
            new ReleaseReport.StageSpan("canary-25", 25, T0 + 12 * MIN, 7 * MIN)),
        spans);
  }

  @Test
  void theReportIsOneWellFormedSelfContainedDocumentWithEveryDecision() throws Exception {
    String html = ReleaseReport.html(ROLLED_BACK, HISTORY, "30d", T0 + 60 * MIN);
    DocumentBuilderFactory xml = DocumentBuilderFactory.newInstance();
    xml.setNamespaceAware(true);
    xml.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    assertTrue(
        html.contains(
            "<strong>ROLLED_BACK</strong> (analysis): error-rate 9.00% &gt; 5.00% &lt;for 5m&gt;"),
        html);
    assertTrue(html.contains("<td>bob</td><td>approved</td>"), "bob's approval with its time");
    assertTrue(html.contains("2023-11-14 22:24:20 UTC"), "times in UTC: " + html);
    assertEquals(1, html.split("<svg ", -1).length - 1, "the weight chart only: no readings kept");
    assertFalse(html.contains("<script") || html.contains("http://example"), "self-contained");
    assertTrue(html.contains("<tr><th>Rollback rate</th><td>0%</td></tr>"), html);
  }
}
