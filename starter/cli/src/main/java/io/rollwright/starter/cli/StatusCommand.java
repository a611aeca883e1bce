package io.rollwright.starter.cli;

import io.rollwright.api.ReleaseStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Show where a release is: phase, stage, weight, its open gate, latest readings and events.")
final class StatusCommand extends ReleaseCommand {
  @Parameters(paramLabel = "RELEASE", description = "the release ID, <service>@<environment>")
  String releaseId;

  @Override
  int run() throws Exception {
    ReleaseStatus status = Releases.status(temporal.client(), releaseId);
    if (json()) {
      printJson(status);
    } else {
      StatusText.of(status).forEach(out()::println);
    }
    return ExitCodes.OK;
  }
}
