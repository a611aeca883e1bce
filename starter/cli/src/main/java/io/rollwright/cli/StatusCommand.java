package io.rollwright.cli;

import io.rollwright.api.LedgerEntry;
import io.rollwright.api.ReleaseStatus;
import io.rollwright.client.HttpApiStatusReader;
import io.rollwright.client.ReleaseNotFoundException;
import io.rollwright.client.ReleaseReader;
import io.rollwright.ledger.ReleaseLedger;
import io.rollwright.text.TerminalText;
import java.io.UncheckedIOException;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Show where a release is: phase, stage, weight, its open gate, latest readings and events.",
      "When no worker answers within a few seconds: what the Temporal server last recorded, marked not live.",
      "When Temporal no longer holds it: its last ended run in the release ledger (--ledger), with every decision."
    })
final class StatusCommand extends ReleaseCommand {
  @Parameters(paramLabel = "RELEASE", description = "the release ID, <service>@<environment>")
  String releaseId;

  @Mixin LedgerOptions ledger;

  @Override
  int run() throws Exception {
    ReleaseReader.Reading reading;
    try {
      reading = read();
    } catch (ReleaseNotFoundException missing) {
      LedgerEntry ended = archived(missing);
      if (json()) {
        printJson(ended);
      } else {
        StatusText.archived(ended).forEach(this::line);
      }
      return ExitCodes.OK;
    }
    print(reading);
    return ExitCodes.OK;
  }

  /** The release's last ended run in the ledger, when one is named and keeps it. */
  private LedgerEntry archived(ReleaseNotFoundException missing) {
    ReleaseLedger ended = ledger.open();
    if (ended == null) {
      throw missing;
    }
    return ended.latest(releaseId).orElseThrow(() -> missing);
  }

  /**
   * Through the HTTP API when one is configured, asking gRPC only for what the server recorded when
   * no worker answers, or when the HTTP API cannot be reached (said on stderr); else through gRPC.
   */
  private ReleaseReader.Reading read() {
    HttpApiStatusReader http = temporal.httpApi();
    if (http != null) {
      try {
        Optional<ReleaseStatus> live = http.live(releaseId);
        return live.isPresent()
            ? new ReleaseReader.Reading(live.get(), null)
            : new ReleaseReader.Reading(
                null, new ReleaseReader(temporal.client()).recorded(releaseId));
      } catch (UncheckedIOException e) {
        spec.commandLine()
            .getErr()
            .println(
                TerminalText.line(
                    "rollwright: "
                        + e.getCause().getMessage()
                        + "; reading through gRPC at "
                        + temporal.where()));
      }
    }
    return new ReleaseReader(temporal.client()).read(releaseId);
  }

  /**
   * Prints what was read: as one line of JSON, or as the lines of {@link StatusText}, each escaped.
   */
  void print(ReleaseReader.Reading reading) throws Exception {
    if (json()) {
      printJson(reading.live() ? reading.status() : reading.recorded());
    } else {
      (reading.live() ? StatusText.of(reading.status()) : StatusText.recorded(reading.recorded()))
          .forEach(this::line);
    }
  }
}
