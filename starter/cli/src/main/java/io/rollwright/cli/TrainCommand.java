package io.rollwright.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.rollwright.api.ControlCommand;
import io.rollwright.api.ControlCommand.Action;
import io.rollwright.api.RequestCheck;
import io.rollwright.api.TrainRequest;
import io.rollwright.api.TrainStatus;
import io.rollwright.client.Trains;
import io.rollwright.policy.InvalidReleaseException;
import io.rollwright.policy.ReleaseJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Starts a train of releases from a file, shows it, pauses, resumes or aborts it, or decides its
 * open gate. A train releases several services to one environment in the order its file declares;
 * if one fails, those it promoted are rolled back newest first.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "start FILE: start the train FILE (YAML or JSON) declares; with --wait, follow it and exit",
      "  with its outcome's code. status|pause|resume|abort NAME --env ENV: show or control it.",
      "  approve|reject NAME --env ENV [--gate RELEASE]: decide its open gate."
    })
final class TrainCommand extends ReleaseCommand {
  /** What to do. */
  enum Verb {
    start,
    status,
    pause,
    resume,
    abort,
    approve,
    reject
  }

  @Parameters(index = "0", paramLabel = "start|status|pause|resume|abort|approve|reject")
  Verb verb;

  @Parameters(index = "1", paramLabel = "FILE|NAME")
  String target;

  @Option(names = "--env", paramLabel = "ENV", description = "the environment of train NAME")
  String environment;

  @Option(names = "--reason", description = "why (required to abort and to reject)")
  String reason;

  @Option(
      names = "--gate",
      paramLabel = "RELEASE",
      description =
          "the release whose gate to decide (SERVICE or SERVICE@ENV), when several are open")
  String gate;

  @Option(
      names = "--requested-by",
      paramLabel = "WHO",
      description = "who asks (ROLLWRIGHT_USER, else your user name)")
  String requestedBy;

  @Option(
      names = "--change-time",
      paramLabel = "ISO-8601",
      description = "when the file's changeRef was committed (default: asked of git)")
  String changeTime;

  @Option(names = "--wait", description = "follow the train to its end (start)")
  boolean await;

  @Override
  int run() throws Exception {
    if (verb == Verb.start) {
      TrainRequest train = request(read(Path.of(target)));
      return startTrain(train, committedAt(changeTime, train.changeRef()), await);
    }
    if (environment == null) {
      throw new IllegalArgumentException("--env is required with train " + verb + " NAME");
    }
    String id = TrainRequest.id(target, environment);
    if (verb == Verb.status) {
      TrainStatus status = new Trains(temporal.client()).status(id);
      if (json()) {
        printJson(status);
      } else {
        printStatus(status);
      }
      return ExitCodes.OK;
    }
    Action action = Action.named(verb.name(), false);
    requireReason(action, reason, "train " + verb);
    if (gate != null && action != Action.APPROVE && action != Action.REJECT) {
      throw new IllegalArgumentException("--gate is for train approve and train reject");
    }
    ControlCommand command =
        new ControlCommand(action, identity("--requested-by", requestedBy), reason, gate);
    RequestCheck.requireControl(command);
    return answered(new Trains(temporal.client()).control(id, command, Duration.ofSeconds(10)));
  }

  /** The train {@code file} declares, asked for by the caller. */
  private TrainRequest request(TrainRequest file) {
    if (file.requestedBy() != null) {
      throw new InvalidReleaseException(
          "requestedBy",
          "leave it out of the file: --requested-by or ROLLWRIGHT_USER says who asks");
    }
    return new TrainRequest(
        file.name(),
        file.environment(),
        identity("--requested-by", requestedBy),
        file.reason(),
        file.changeRef(),
        file.releases(),
        file.onFailure());
  }

  private void printStatus(TrainStatus status) {
    line(
        status.trainId()
            + (status.result() != null
                ? " " + status.result().outcome() + " — " + status.result().detail()
                : status.stoppedBecause() != null
                    ? " stopping — " + status.stoppedBecause()
                    : status.pausedBecause() != null ? " " + status.pausedBecause() : " running"));
    for (TrainStatus.Car car : status.releases()) {
      line("  " + car.line());
    }
  }

  private static TrainRequest read(Path file) {
    try {
      return ReleaseJson.strict(new ObjectMapper(new YAMLFactory()))
          .readValue(Files.readString(file), TrainRequest.class);
    } catch (JsonProcessingException e) {
      throw ReleaseJson.invalid(e, "train file " + file);
    } catch (IOException e) {
      throw new InvalidReleaseException("FILE", "cannot read " + file + ": " + e.getMessage());
    }
  }
}
