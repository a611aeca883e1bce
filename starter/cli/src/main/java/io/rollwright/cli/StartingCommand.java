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
import io.temporal.api.common.v1.WorkflowExecution;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * What the commands that start a release share: the environment, the policy, who asks, and
 * following the release to its end with {@code --wait}, exiting with its outcome's code.
 */
abstract class StartingCommand extends ReleaseCommand {
  @Option(
      names = {"--env", "--environment"},
      required = true,
      paramLabel = "ENV",
      description = "the environment, e.g. prod")
  String environment;

  @Option(
      names = "--requested-by",
      paramLabel = "WHO",
      description = "who asks (ROLLWRIGHT_USER, else your user name)")
  String requestedBy;

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
      names = "--wait",
      description = "follow the release to its end and exit with its outcome's code")
  boolean await;

  /** The policy the file given with {@code --policy-file} holds, or null when none was given. */
  ReleasePolicy policyFile() {
    return policy.file == null ? null : read(policy.file);
  }

  private static ReleasePolicy read(Path file) {
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

  /** Who asks, as {@link #identity} says. */
  String requester() {
    return identity("--requested-by", requestedBy);
  }

  /**
   * Starts {@code request} ({@code what} says what goes where), prints its ID and Web UI link, and
   * with {@code --wait} follows it to its end.
   */
  int start(ReleaseRequest request, Instant committed, String what) throws Exception {
    RequestCheck.require(request);
    WorkflowExecution run = new ReleaseStarter(temporal.client()).start(request, committed);
    String link = temporal.link(request.releaseId(), run.getRunId());
    if (!json()) {
      line("Started " + request.releaseId() + " (" + what + ")");
      line("Web UI: " + link);
    }
    if (!await) {
      if (json()) {
        printJson(Map.of("releaseId", request.releaseId(), "runId", run.getRunId(), "link", link));
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
}
