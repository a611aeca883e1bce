package io.rollwright.starter.cli;

import io.rollwright.api.ReleaseRequest;
import io.rollwright.policy.InvalidReleaseException;
import io.rollwright.policy.ReleaseJson;
import io.rollwright.policy.RequestValidator;
import io.rollwright.text.TerminalText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Validate a release request (JSON) without starting it. Exits 0 when valid, 1 otherwise.")
final class ValidateCommand implements Callable<Integer> {
  @Parameters(paramLabel = "REQUEST.json", description = "the release request, as JSON")
  Path file;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    ReleaseRequest request;
    try {
      request = ReleaseJson.request(Files.readString(file));
    } catch (IOException e) {
      throw new InvalidReleaseException("REQUEST.json", "cannot read " + file + ": " + e.getMessage());
    }
    RequestValidator.require(request);
    spec.commandLine().getOut().println(TerminalText.line("valid: " + request.service() + " " + request.version() + " → " + request.environment()
        + " (" + request.strategy().name().toLowerCase(Locale.ROOT) + "), release id " + request.releaseId()));
    return ExitCodes.OK;
  }
}
