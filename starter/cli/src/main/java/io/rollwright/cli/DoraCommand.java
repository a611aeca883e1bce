package io.rollwright.cli;

import io.rollwright.client.DeliveryReport;
import io.rollwright.client.ReleaseHistory;
import io.rollwright.policy.DurationText;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "dora",
    mixinStandardHelpOptions = true,
    description = {
      "Delivery (DORA) figures over a period, from the release ledger and Temporal visibility.",
      "Deployment frequency, lead time for changes (from the commit time given at start), change",
      "failure rate and time to restore; see the README for their exact definitions."
    })
final class DoraCommand extends ReleaseCommand {
  @Option(
      names = "--since",
      defaultValue = "30d",
      description = "the period, e.g. 30d. Default: ${DEFAULT-VALUE}")
  String since;

  @Option(names = "--service", description = "only this service")
  String service;

  @Option(
      names = {"--env", "--environment"},
      paramLabel = "ENV",
      description = "only this environment")
  String environment;

  @Mixin LedgerOptions ledger;

  @Override
  int run() throws Exception {
    Instant now = Instant.now();
    Instant from = now.minus(DurationText.parse(since));
    DeliveryReport r =
        DeliveryReport.of(
            new ReleaseHistory(temporal.client(), ledger.open()).list(service, environment, from),
            from,
            now);
    if (json()) {
      printJson(r);
      return ExitCodes.OK;
    }
    line(
        "DORA figures, last "
            + since
            + HistoryCommand.scope(service, environment)
            + " ("
            + r.releases()
            + " releases ended):");
    line(
        String.format(
            Locale.ROOT,
            "  deployment frequency   %.2f per day (%d promoted)",
            r.deploymentsPerDay(),
            r.promoted()));
    if (!r.promotedByType().isEmpty()) {
      line(
          "    by type              "
              + String.join(
                  ", ",
                  r.promotedByType().entrySet().stream()
                      .map(t -> t.getKey() + " " + t.getValue())
                      .toList()));
    }
    line(
        "  lead time for changes  "
            + (r.medianLeadTime() == null
                ? "unknown (no release was given its change's commit time)"
                : "median "
                    + text(r.medianLeadTime())
                    + " (commit to promoted, "
                    + r.leadTimeSamples()
                    + " releases)"));
    line(
        "  change failure rate    "
            + HistoryCommand.percent(r.changeFailureRate())
            + " ("
            + (r.rolledBack() + r.failed() + r.undone())
            + " of "
            + r.deployed()
            + " releases that deployed"
            + (r.undone() == 0 ? "" : ", " + r.undone() + " of them undone by a rollback")
            + ")");
    line(
        "  time to restore        "
            + (r.medianTimeToRestore() == null
                ? "none restored"
                : "median " + text(r.medianTimeToRestore()))
            + " ("
            + r.restored()
            + " restored, "
            + r.notRestored()
            + " not yet)");
    if (r.rollbacks() > 0) {
      line("  rollbacks              " + r.rollbacks() + " (not counted as changes)");
    }
    return ExitCodes.OK;
  }

  private static String text(Duration d) {
    return DurationText.format(d.truncatedTo(ChronoUnit.SECONDS));
  }
}
