package io.rollwright.cli;

import io.rollwright.client.DeliveryReport;
import io.rollwright.client.ReleaseHistory;
import io.rollwright.client.ReleaseRecord;
import io.rollwright.policy.DurationText;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description =
        "Recent releases with their outcome and duration, and the rollback rate over the period.")
final class HistoryCommand extends ReleaseCommand {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("MM/dd HH:mm").withZone(ZoneOffset.UTC);

  @Option(names = "--service", description = "only this service")
  String service;

  @Option(
      names = {"--env", "--environment"},
      paramLabel = "ENV",
      description = "only this environment")
  String environment;

  @Option(
      names = "--since",
      defaultValue = "7d",
      description = "how far back, e.g. 24h, 7d. Default: ${DEFAULT-VALUE}")
  String since;

  @Option(
      names = "--limit",
      defaultValue = "50",
      description =
          "at most this many releases listed (figures count all). Default: ${DEFAULT-VALUE}")
  int limit;

  @Mixin LedgerOptions ledger;

  @Override
  int run() throws Exception {
    Instant now = Instant.now();
    Duration period = DurationText.parse(since);
    List<ReleaseRecord> releases =
        new ReleaseHistory(temporal.client(), ledger.open())
            .list(service, environment, now.minus(period));
    DeliveryReport figures = DeliveryReport.of(releases, now.minus(period), now);
    if (json()) {
      printJson(
          Map.of(
              "since",
              now.minus(period),
              "releases",
              releases.subList(0, Math.min(limit, releases.size())),
              "rollbackRate",
              figures.rollbackRate(),
              "deployed",
              figures.deployed()));
      return ExitCodes.OK;
    }
    line("📋 Releases in the last " + since + scope(service, environment) + ":");
    if (releases.isEmpty()) {
      line("  none");
    }
    for (ReleaseRecord r : releases.subList(0, Math.min(limit, releases.size()))) {
      line(
          "  "
              + icon(r.outcome())
              + " "
              + WHEN.format(r.startedAt())
              + "  "
              + r.releaseId()
              + " "
              + (r.version() == null ? "" : r.version())
              + (r.rollback()
                  ? " (rollback" + (r.rollbackFrom() == null ? "" : " of " + r.rollbackFrom()) + ")"
                  : r.type() == null ? "" : " [" + r.type() + "]")
              + " → "
              + r.outcome()
              + " ("
              + seconds(r.duration(now))
              + (r.ended() ? "" : ", running")
              + ")  by "
              + r.requestedBy());
    }
    line("");
    line(
        "📊 "
            + since
            + " rollback rate: "
            + percent(figures.rollbackRate())
            + " ("
            + figures.rolledBack()
            + " of "
            + figures.deployed()
            + " releases that deployed)");
    return ExitCodes.OK;
  }

  static String scope(String service, String environment) {
    return (service == null ? "" : ", service " + service)
        + (environment == null ? "" : ", environment " + environment);
  }

  static String percent(double ratio) {
    return String.format(Locale.ROOT, "%.1f%%", ratio * 100);
  }

  private static String seconds(Duration d) {
    return d.toSeconds() < 600
        ? String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0)
        : DurationText.format(d.truncatedTo(ChronoUnit.SECONDS));
  }

  private static String icon(String outcome) {
    return switch (outcome) {
      case "PROMOTED" -> "✅";
      case "ROLLED_BACK" -> "🔄";
      case "BLOCKED" -> "🚧";
      case "FAILED" -> "❌";
      case "INVALID", "TERMINATED", "CANCELED", "TIMED_OUT" -> "⛔";
      default -> "⏳";
    };
  }
}
