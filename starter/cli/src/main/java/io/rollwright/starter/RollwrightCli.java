package io.rollwright.starter;

import io.rollwright.api.ReleaseRequest;
import io.rollwright.policy.InvalidReleaseException;
import io.rollwright.policy.ReleaseJson;
import io.rollwright.policy.RequestValidator;
import io.rollwright.policy.Violation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** The {@code rollwright} command line. */
@Command(name = "rollwright", mixinStandardHelpOptions = true, version = "rollwright 0.1.0",
    description = "Start, watch and control releases run by Rollwright.",
    subcommands = {RollwrightCli.Validate.class})
public final class RollwrightCli {
  /** Exit code for a usage or input error. */
  static final int INPUT_ERROR = 1;

  public static void main(String[] args) {
    System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  static int run(PrintWriter out, PrintWriter err, String... args) {
    return new CommandLine(new RollwrightCli()).setOut(out).setErr(err).execute(args);
  }

  /** Checks a release request file the way every front door does before it starts anything. */
  @Command(name = "validate", mixinStandardHelpOptions = true,
      description = "Validate a release request (JSON) without starting it. Exits 0 when valid, 1 otherwise.")
  static final class Validate implements Callable<Integer> {
    @Parameters(paramLabel = "REQUEST.json", description = "the release request, as JSON")
    Path file;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      try {
        ReleaseRequest request = ReleaseJson.request(Files.readString(file));
        RequestValidator.require(request);
        out.println("valid: " + request.service() + " " + request.version() + " → " + request.environment()
            + " (" + request.strategy().name().toLowerCase(java.util.Locale.ROOT) + "), release id " + request.releaseId());
        return 0;
      } catch (InvalidReleaseException e) {
        err.println("invalid request " + file + ":");
        for (Violation v : e.violations()) {
          err.println("  " + v);
        }
        return INPUT_ERROR;
      } catch (IOException e) {
        err.println("cannot read " + file + ": " + e.getMessage());
        return INPUT_ERROR;
      }
    }
  }
}
