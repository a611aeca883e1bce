package io.rollwright.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.rollwright.api.ControlAnswer;
import io.rollwright.api.ControlCommand.Action;
import io.rollwright.api.RequestCheck;
import io.rollwright.api.TrainPlan;
import io.rollwright.api.TrainRequest;
import io.rollwright.api.TrainResult;
import io.rollwright.client.Trains;
import io.rollwright.policy.InvalidReleaseException;
import io.rollwright.text.TerminalText;
import io.temporal.api.common.v1.WorkflowExecution;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every command that talks to Temporal shares: the connection, the output format, and closing
 * up.
 */
abstract class ReleaseCommand implements Callable<Integer> {
  /** Output formats of read commands. */
  enum Output {
    text,
    json
  }

  /** Made only when a command prints JSON: a text answer never pays for it. */
  private static final class Json {
    static final ObjectWriter WRITER =
        new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .writer()
            .with(new TerminalJson());
  }

  @Mixin TemporalOptions temporal;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "text",
      description = "text or json. Default: ${DEFAULT-VALUE}")
  Output output;

  @Option(
      names = {"-v", "--verbose"},
      description = "show the stack trace of an error")
  boolean verbose;

  @Spec CommandSpec spec;

  @Override
  public final Integer call() throws Exception {
    try {
      return run();
    } finally {
      temporal.close();
    }
  }

  abstract int run() throws Exception;

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  /**
   * Prints one line of text now, escaped ({@link TerminalText}): every text line a command prints
   * goes through here, so nothing a caller supplied can add a line or a control sequence.
   */
  void line(String text) {
    out().println(TerminalText.line(text));
    out().flush();
  }

  /** Says something beside the output (on stderr), e.g. that no worker answers. */
  void notice(String text) {
    spec.commandLine().getErr().println(TerminalText.line(text));
    spec.commandLine().getErr().flush();
  }

  /**
   * Who the caller is: the identity in their TLS client certificate when one is configured (naming
   * anyone else with {@code option} is refused), else what {@code option} gives (or its default).
   */
  String identity(String option, String given) {
    String certified = temporal.certifiedIdentity();
    if (certified == null) {
      return given;
    }
    boolean explicit = spec.commandLine().getParseResult().hasMatchedOption(option);
    if (explicit && !certified.equals(given)) {
      throw new IllegalArgumentException(
          option
              + " "
              + given
              + " is not who your TLS client certificate says you are ("
              + certified
              + "); leave "
              + option
              + " out");
    }
    return certified;
  }

  boolean json() {
    return output == Output.json;
  }

  /** {@code value} as one line of JSON, escaped as {@link TerminalJson} says. */
  static String json(Object value) {
    try {
      return Json.WRITER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** Prints {@code value} as one line of JSON. */
  void printJson(Object value) throws Exception {
    out().println(json(value));
    out().flush();
  }

  /** Refuses {@code asked} without a reason when {@code action} needs one. */
  static void requireReason(Action action, String reason, String asked) {
    if (action.needsReason() && (reason == null || reason.isBlank())) {
      throw new IllegalArgumentException("--reason is required for " + asked);
    }
  }

  /** Prints a release's or a train's answer to a control; exit 0 when accepted, else 1. */
  int answered(ControlAnswer answer) throws Exception {
    if (json()) {
      printJson(answer);
    } else {
      line((answer.accepted() ? "" : "refused: ") + answer.message());
    }
    return answer.accepted() ? ExitCodes.OK : ExitCodes.INPUT;
  }

  /**
   * Starts {@code request}, prints its ID and Web UI link, and with {@code await} follows it to its
   * end, one line per change of a release's state, exiting with its outcome's code.
   */
  int startTrain(TrainRequest request, Instant committedAt, boolean await) throws Exception {
    RequestCheck.requireNone(TrainPlan.check(request));
    Trains trains = new Trains(temporal.client());
    WorkflowExecution run = trains.start(request, committedAt);
    String link = temporal.link(request.trainId(), run.getRunId());
    if (!json()) {
      line("Started " + request.trainId() + " (" + request.releases().size() + " releases)");
      line("Web UI: " + link);
    }
    if (!await) {
      if (json()) {
        printJson(Map.of("trainId", request.trainId(), "runId", run.getRunId(), "link", link));
      }
      return ExitCodes.OK;
    }
    return followTrain(request.trainId(), Duration.ofSeconds(1));
  }

  /**
   * The commit time of the change shipped, for lead time: {@code changeTime} (ISO-8601) when given,
   * else git's commit time of {@code changeRef} when git knows it; never in the future.
   */
  static Instant committedAt(String changeTime, String changeRef) {
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

  /**
   * Follows the train {@code trainId} to its end, one line per change of a release's state (the
   * result as JSON with {@code --output json}), and returns its outcome's exit code.
   */
  int followTrain(String trainId, Duration every) throws Exception {
    TrainResult result =
        new Trains(temporal.client()).follow(trainId, json() ? l -> {} : this::line, every);
    if (json()) {
      printJson(result);
    } else {
      line(trainId + " " + result.outcome() + " — " + result.detail());
    }
    return ExitCodes.of(result.outcome());
  }
}
