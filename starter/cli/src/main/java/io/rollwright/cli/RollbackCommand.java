package io.rollwright.cli;

import io.rollwright.api.ReleaseRequest;
import io.rollwright.policy.Strategy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "rollback",
    mixinStandardHelpOptions = true,
    description = {
      "Put back an earlier version: the one promoted before the current one, or --to VERSION.",
      "A release of its own kind: the version goes straight to 100%% as it was promoted (its",
      "image from release history), then is watched (policy undo.watch, default 10m) with the",
      "checks running. Where the service's policy declares roles it is break-glass; a version",
      "never promoted to ENV takes --force, --image and a holder of the breakGlass role.",
      "--wait exits 0 when it held, 2 when it was rolled back, 3 blocked, 4 failed."
    })
final class RollbackCommand extends StartingCommand {
  @Parameters(index = "0", paramLabel = "SERVICE")
  String service;

  @Option(
      names = "--to",
      paramLabel = "VERSION",
      description = "the version to put back (default: the one promoted before the current one)")
  String version;

  @Option(
      names = "--image",
      description = "the image of a version never promoted to ENV (with --force)")
  String image;

  @Option(names = "--force", description = "break-glass: put back a version never promoted to ENV")
  boolean force;

  @Option(names = "--reason", required = true, description = "what it undoes and why")
  String reason;

  @Override
  int run() throws Exception {
    ReleaseRequest request =
        new ReleaseRequest(
            service,
            version,
            image,
            environment,
            Strategy.ROLLBACK,
            policy.name,
            policyFile(),
            requester(),
            reason,
            null,
            force,
            null);
    return start(
        request,
        null,
        "rollback of "
            + service
            + " in "
            + environment
            + " to "
            + (version == null ? "the version promoted before the current one" : version));
  }
}
