package io.rollwright.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.RequestCheck;
import io.rollwright.client.ReleaseStarter;
import io.rollwright.client.ReleaseWatcher;
import io.rollwright.policy.InvalidReleaseException;
import io.rollwright.policy.ReleaseJson;
import io.rollwright.policy.ReleasePolicy;
import io.rollwright.policy.Strategy;
import io.temporal.api.common.v1.WorkflowExecution;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "start",
    mixinStandardHelpOptions = true,
    description = {
      "Start a release; with --wait, follow it and exit with its outcome's code.",
      "Prints the release ID and its Web UI link. --wait streams its progress and exits 0 promoted,",
      "2 rolled back, 3 blocked by pre-flight, 4 failed (needs a human); while no worker answers, it",
      "says so and keeps waiting."
    })
final class StartCommand extends ReleaseCommand {
  @Parameters(index = "0", paramLabel = "SERVICE")
  String service;

  @Parameters(index = "1", paramLabel = "VERSION")
  String version;

  @Option(names = "--image", required = true, description = "the image to release")
  String image;

  @Option(
      names = {"--env", "--environment"},
      required = true,
      paramLabel = "ENV",
      description = "the environment, e.g. prod")
  String environment;

  @ArgGroup(exclusive = true)
  PolicyChoice policy = new PolicyChoice();

  static final class PolicyChoice {
    @Option(
        names = "--policy",
        paramLabel = "NAME",
        description = "a preset or the service's policy by name")
    String name;

    @Option(
        names = "--policy-file",
        paramLabel = "FILE",
        description = "a policy file (YAML); it may 'extends' a preset")
    Path file;
  }

  @Option(
      names = "--direct",
      description = "break-glass: straight to 100%%, no canary (needs --reason)")
  boolean direct;

  @Option(names = "--reason", description = "why (required with --direct)")
  String reason;

  @Option(
      names = "--requested-by",
      paramLabel = "WHO",
      description = "who asks (ROLLWRIGHT_USER, else your user name)")
  String requestedBy;

  @Option(
      names = "--change-ref",
      paramLabel = "REF",
      description = "the change shipped, e.g. a commit SHA")
  String changeRef;

  @Option(
      names = "--change-time",
      paramLabel = "ISO-8601",
      description = "when that change was committed (default: asked of git for --change-ref)")
  String changeTime;

  @Option(
      names = "--wait",
      description = "follow the release to its end and exit with its outcome's code")
  boolean await;

  @Override
  int run() throws Exception {
    ReleaseRequest request =
        new ReleaseRequest(
            service,
            version,
            image,
            environment,
            direct ? Strategy.DIRECT : Strategy.CANARY,
            policy.name,
            policy.file == null ? null : policyFile(policy.file),
            identity("--requested-by", requestedBy),
            reason,
            changeRef);
    Instant committed = committedAt();
    RequestCheck.require(request);
    WorkflowExecution run = new ReleaseStarter(temporal.client()).start(request, committed);
    if (!json()) {
      line(
          "Started "
              + request.releaseId()
              + " ("
              + service
              + " "
              + version
              + " → "
              + environment
              + ")");
      line("Web UI: " + temporal.link(request.releaseId(), run.getRunId()));
    }
    if (!await) {
      if (json()) {
        printJson(
            java.util.Map.of(
                "releaseId",
                request.releaseId(),
                "runId",
                run.getRunId(),
                "link",
                temporal.link(request.releaseId(), run.getRunId())));
      }
      return ExitCodes.OK;
    }
    ReleaseWatcher watcher = new ReleaseWatcher(temporal.client(), Duration.ofSeconds(1));
    ReleaseResult result =
        json()
            ? watcher.follow(request.releaseId(), status -> {}, this::notice)
            : watcher.print(request.releaseId(), this::line, status -> {});
    if (json()) {
      printJson(result);
    }
    return ExitCodes.of(result.outcome());
  }

  /** The change's commit time: given, else asked of git; never in the future. */
  private Instant committedAt() {
    if (changeTime != null) {
      Instant at;
      try {
        at = Instant.parse(changeTime);
      } catch (DateTimeParseException e) {
        throw new InvalidReleaseException(
            "--change-time",
            "'" + changeTime + "' is not an ISO-8601 instant, e.g. 2026-11-21T09:30:00Z");
      }
      RequestCheck.requireNone(RequestCheck.committedAt("--change-time", at, Instant.now()));
      return at;
    }
    Instant at = changeRef == null ? null : GitCommitTime.of(changeRef).orElse(null);
    RequestCheck.requireNone(
        RequestCheck.committedAt(
            "--change-ref (git's commit time of " + changeRef + ")", at, Instant.now()));
    return at;
  }

  static ReleasePolicy policyFile(Path file) {
    try {
      return ReleaseJson.strict(new ObjectMapper(new YAMLFactory()))
          .readValue(Files.readString(file), ReleasePolicy.class);
    } catch (JsonProcessingException e) {
      throw ReleaseJson.invalid(e, "policy file " + file);
    } catch (IOException e) {
      throw new InvalidReleaseException(
          "--policy-file", "cannot read " + file + ": " + e.getMessage());
    }
  }
}
