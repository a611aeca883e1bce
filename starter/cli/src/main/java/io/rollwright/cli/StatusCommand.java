package io.rollwright.cli;

import io.rollwright.client.ReleaseReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Show where a release is: phase, stage, weight, its open gate, latest readings and events.",
      "When no worker answers within a few seconds: what the Temporal server last recorded, marked not live."
    })
final class StatusCommand extends ReleaseCommand {
  @Parameters(paramLabel = "RELEASE", description = "the release ID, <service>@<environment>")
  String releaseId;

  @Override
  int run() throws Exception {
    ReleaseReader.Reading reading = new ReleaseReader(temporal.client()).read(releaseId);
    print(reading);
    return ExitCodes.OK;
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
