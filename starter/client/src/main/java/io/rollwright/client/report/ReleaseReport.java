package io.rollwright.client.report;

import static io.rollwright.client.chart.Xml.escape;

import io.rollwright.api.AuditEntry;
import io.rollwright.api.PreflightResult;
import io.rollwright.api.ProgressEvent;
import io.rollwright.api.ReleaseStatus;
import io.rollwright.client.DeliveryReport;
import io.rollwright.client.chart.ReleaseCharts;
import io.rollwright.policy.DurationText;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The post-release report of one release, for the change record: one self-contained XHTML document
 * (no script, no outside resource, styles inline) with the release's charts, its outcome and
 * reason, how long each stage took, every entry of its audit with who and when, its pre-flight
 * results, and the service's recent history in that environment. Well-formed XML, so it also
 * renders to PDF. Pure.
 */
public final class ReleaseReport {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);
  private static final String STYLE =
      "body{font-family:sans-serif;color:#1c2128;margin:2em;max-width:60em}"
          + "h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.6em}"
          + "table{border-collapse:collapse;width:100%;font-size:.9em}"
          + "th,td{text-align:left;padding:.3em .5em;border-bottom:1px solid #d0d4da;"
          + "vertical-align:top}svg{width:100%;height:auto}.muted{color:#4a5260}";

  /** One stage as it ran: its name, weight, when it started and how long it lasted. */
  public record StageSpan(String stage, double weight, long startedAtMillis, long millis) {}

  private ReleaseReport() {}

  /**
   * The report of {@code status} at {@code nowMillis}, with {@code history}: the service's releases
   * in its environment over a recent period ({@code historyPeriod}, as people say it: "30d").
   */
  public static String html(
      ReleaseStatus status, DeliveryReport history, String historyPeriod, long nowMillis) {
    ReleaseCharts.Charts charts = ReleaseCharts.of(status, nowMillis);
    StringBuilder out = new StringBuilder();
    out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n")
        .append("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head>")
        .append("<meta charset=\"UTF-8\"/><title>Release report: ")
        .append(escape(status.releaseId()))
        .append("</title><style>")
        .append(STYLE)
        .append("</style></head><body>");
    out.append("<h1>Release report: ").append(escape(status.releaseId())).append("</h1>");
    out.append("<p>")
        .append(escape(status.service()))
        .append(' ')
        .append(escape(status.version()))
        .append(" to ")
        .append(escape(status.environment()))
        .append(", requested by ")
        .append(escape(status.requestedBy()))
        .append(", policy ")
        .append(escape(status.policy()))
        .append(". Started ")
        .append(when(status.startedAtMillis()))
        .append(".</p>");
    out.append("<h2>Outcome</h2><p>");
    if (status.result() == null) {
      out.append("Still running (")
          .append(escape(status.phase().name().toLowerCase(Locale.ROOT)))
          .append(", stage ")
          .append(escape(status.stage()))
          .append(") at ")
          .append(when(nowMillis));
    } else {
      out.append("<strong>")
          .append(escape(status.result().outcome().name()))
          .append("</strong>")
          .append(
              status.result().rollbackReason() == null
                  ? ""
                  : " ("
                      + escape(status.result().rollbackReason().name().toLowerCase(Locale.ROOT))
                      + ")")
          .append(": ")
          .append(escape(status.result().detail()))
          .append(". Took ")
          .append(duration(status.result().durationMillis()));
    }
    out.append(".</p>");
    out.append("<h2>Traffic on the new version</h2>").append(charts.weight().svg());
    for (ReleaseCharts.Chart check : charts.checks()) {
      out.append("<h2>Check: ").append(escape(check.name())).append("</h2>").append(check.svg());
    }
    out.append("<h2>Stages</h2><table><tr><th>Stage</th><th>Weight</th><th>Started</th>")
        .append("<th>Lasted</th></tr>");
    for (StageSpan span : stages(status, nowMillis)) {
      out.append("<tr><td>")
          .append(escape(span.stage()))
          .append("</td><td>")
          .append(escape(number(span.weight())))
          .append("%</td><td>")
          .append(when(span.startedAtMillis()))
          .append("</td><td>")
          .append(duration(span.millis()))
          .append("</td></tr>");
    }
    out.append("</table>");
    out.append("<h2>Pre-flight</h2><table><tr><th>Check</th><th>Result</th><th>Detail</th></tr>");
    for (PreflightResult p : status.preflight()) {
      out.append("<tr><td>")
          .append(escape(p.check()))
          .append("</td><td>")
          .append(
              p.passed()
                  ? "passed"
                  : Boolean.TRUE.equals(p.inconclusive()) ? "inconclusive" : "failed")
          .append("</td><td>")
          .append(escape(p.detail()))
          .append("</td></tr>");
    }
    out.append("</table>");
    out.append("<h2>Decisions and events</h2><table><tr><th>When</th><th>Who</th><th>What</th>")
        .append("<th>Detail</th></tr>");
    for (AuditEntry e : status.audit()) {
      out.append("<tr><td>")
          .append(when(e.atMillis()))
          .append("</td><td>")
          .append(escape(e.actor()))
          .append("</td><td>")
          .append(escape(e.action()))
          .append("</td><td>")
          .append(escape(e.detail()))
          .append("</td></tr>");
    }
    out.append("</table>");
    out.append("<h2>Recent history of ")
        .append(escape(status.service()))
        .append(" in ")
        .append(escape(status.environment()))
        .append(" (last ")
        .append(escape(historyPeriod))
        .append(")</h2><table>")
        .append(row("Releases", String.valueOf(history.releases())))
        .append(row("Promoted", String.valueOf(history.promoted())))
        .append(row("Rolled back", String.valueOf(history.rolledBack())))
        .append(row("Rollback rate", percent(history.rollbackRate())))
        .append(row("Change failure rate", percent(history.changeFailureRate())))
        .append(
            row(
                "Median lead time for changes",
                history.medianLeadTime() == null
                    ? "no change with a commit time"
                    : duration(history.medianLeadTime().toMillis())
                        + " (over "
                        + history.leadTimeSamples()
                        + " change(s))"))
        .append(row("Deployments per day", number(history.deploymentsPerDay())))
        .append("</table><p class=\"muted\">Written ")
        .append(when(nowMillis))
        .append(" by Rollwright.</p></body></html>\n");
    return out.toString();
  }

  /** Each stage the release entered, with how long it lasted until the next or the end. */
  public static List<StageSpan> stages(ReleaseStatus status, long nowMillis) {
    List<ProgressEvent.StageStarted> started = new ArrayList<>();
    long end = nowMillis;
    for (AuditEntry e : status.audit()) {
      if (e instanceof ProgressEvent.StageStarted s) {
        started.add(s);
      } else if (e instanceof ProgressEvent.RollingBack || e instanceof ProgressEvent.Finished) {
        end = Math.min(end, e.atMillis());
      }
    }
    List<StageSpan> spans = new ArrayList<>();
    for (int i = 0; i < started.size(); i++) {
      ProgressEvent.StageStarted s = started.get(i);
      long until = i + 1 < started.size() ? started.get(i + 1).atMillis() : end;
      spans.add(
          new StageSpan(s.stage(), s.weight(), s.atMillis(), Math.max(0, until - s.atMillis())));
    }
    return spans;
  }

  private static String row(String name, String value) {
    return "<tr><th>" + escape(name) + "</th><td>" + escape(value) + "</td></tr>";
  }

  private static String when(long millis) {
    return WHEN.format(Instant.ofEpochMilli(millis));
  }

  private static String duration(long millis) {
    return escape(DurationText.format(Duration.ofMillis(millis).truncatedTo(ChronoUnit.SECONDS)));
  }

  private static String percent(double share) {
    return number(share * 100) + "%";
  }

  private static String number(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.2f", v);
  }
}
