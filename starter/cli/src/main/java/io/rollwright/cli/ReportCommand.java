package io.rollwright.cli;

import io.rollwright.api.ReleaseStatus;
import io.rollwright.client.DeliveryReport;
import io.rollwright.client.ReleaseHistory;
import io.rollwright.client.ReleaseReader;
import io.rollwright.client.ReleaseRecord;
import io.rollwright.client.report.ReleaseReport;
import io.rollwright.policy.DurationText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Write a release's post-release report for the change record: one self-contained file with its",
      "weight and check charts, its outcome, how long each stage took, every decision with who and when,",
      "and the service's recent history (rollback rate, lead time). Needs a worker to answer for the release."
    })
final class ReportCommand extends ReleaseCommand {
  /** The report's file formats. */
  enum Format {
    html,
    pdf
  }

  @Parameters(paramLabel = "RELEASE", description = "the release ID, <service>@<environment>")
  String releaseId;

  @Option(
      names = "--format",
      defaultValue = "html",
      description = "html or pdf. Default: ${DEFAULT-VALUE}")
  Format format;

  @Option(
      names = "--file",
      paramLabel = "FILE",
      description = "where to write it. Default: <service>-<environment>-report.<format>")
  Path file;

  @Option(
      names = "--history",
      defaultValue = "30d",
      description = "how far back the service's history goes, e.g. 7d. Default: ${DEFAULT-VALUE}")
  String history;

  @Mixin LedgerOptions ledger;

  @Override
  int run() throws Exception {
    Duration period = DurationText.parse(history);
    ReleaseStatus status = new ReleaseReader(temporal.client()).live(releaseId).orElse(null);
    if (status == null) {
      notice(
          "rollwright: no worker answered for "
              + releaseId
              + " within "
              + DurationText.format(ReleaseReader.ANSWER_WITHIN)
              + "; the report is drawn from the release's own status (is a worker running?)");
      return ExitCodes.UNAVAILABLE;
    }
    Instant now = Instant.now();
    List<ReleaseRecord> releases =
        new ReleaseHistory(temporal.client(), ledger.open())
            .list(status.service(), status.environment(), now.minus(period));
    String xhtml =
        ReleaseReport.html(
            status,
            DeliveryReport.of(releases, now.minus(period), now),
            history,
            now.toEpochMilli());
    Path to =
        file != null
            ? file
            : Path.of(status.service() + "-" + status.environment() + "-report." + format.name());
    if (format == Format.pdf) {
      PdfReport.write(xhtml, to);
    } else {
      Files.writeString(to, xhtml);
    }
    if (json()) {
      printJson(Map.of("releaseId", releaseId, "file", to.toString(), "format", format.name()));
    } else {
      line("📄 Wrote the report of " + releaseId + " to " + to);
    }
    return ExitCodes.OK;
  }
}
