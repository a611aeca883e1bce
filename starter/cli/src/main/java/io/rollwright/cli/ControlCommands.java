package io.rollwright.cli;

import io.rollwright.api.ControlAnswer;
import io.rollwright.api.ControlCommand;
import io.rollwright.api.ControlCommand.Action;
import io.rollwright.api.RequestCheck;
import io.rollwright.client.ReleaseControls;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The controls: approve, reject, pause, resume, abort, promote. Each prints the release's answer
 * and exits 0 when it was accepted, 1 when refused (the refusal is in the release's audit
 * timeline).
 */
final class ControlCommands {
  private ControlCommands() {}

  abstract static class Control extends ReleaseCommand {
    @Parameters(
        index = "0",
        paramLabel = "RELEASE",
        description = "the release ID, <service>@<environment>")
    String releaseId;

    @Option(
        names = "--as",
        paramLabel = "WHO",
        description = "who you are, as policies name you (ROLLWRIGHT_USER, else your user name)")
    String actor;

    abstract Action action();

    abstract String reason();

    @Override
    int run() throws Exception {
      ControlCommand command = new ControlCommand(action(), identity("--as", actor), reason());
      RequestCheck.requireControl(command);
      ControlAnswer answer =
          new ReleaseControls(temporal.client(), Duration.ofSeconds(10)).send(releaseId, command);
      if (json()) {
        printJson(answer);
      } else {
        line((answer.accepted() ? "" : "refused: ") + answer.message());
      }
      return answer.accepted() ? ExitCodes.OK : ExitCodes.INPUT;
    }
  }

  abstract static class OptionalReason extends Control {
    @Option(names = "--reason", description = "why (recorded in the audit timeline)")
    String reason;

    @Override
    String reason() {
      return reason;
    }
  }

  abstract static class RequiredReason extends Control {
    @Option(
        names = "--reason",
        required = true,
        description = "why (required; recorded in the audit timeline)")
    String reason;

    @Override
    String reason() {
      return reason;
    }
  }

  @Command(
      name = "approve",
      mixinStandardHelpOptions = true,
      description = "Approve the release's open gate.")
  static final class Approve extends OptionalReason {
    @Override
    Action action() {
      return Action.APPROVE;
    }
  }

  @Command(
      name = "reject",
      mixinStandardHelpOptions = true,
      description = "Reject the release's open gate: it rolls back.")
  static final class Reject extends RequiredReason {
    @Override
    Action action() {
      return Action.REJECT;
    }
  }

  @Command(
      name = "pause",
      mixinStandardHelpOptions = true,
      description =
          "Hold the release before its next traffic change; analysis keeps running and can still roll back.")
  static final class Pause extends OptionalReason {
    @Override
    Action action() {
      return Action.PAUSE;
    }
  }

  @Command(
      name = "resume",
      mixinStandardHelpOptions = true,
      description = "Let a paused release go on.")
  static final class Resume extends OptionalReason {
    @Override
    Action action() {
      return Action.RESUME;
    }
  }

  @Command(
      name = "abort",
      mixinStandardHelpOptions = true,
      description = "Roll the release back now.")
  static final class Abort extends RequiredReason {
    @Override
    Action action() {
      return Action.ABORT;
    }
  }

  @Command(
      name = "promote",
      mixinStandardHelpOptions = true,
      description =
          "End the current soak (the stage's gate still applies); with --full skip every remaining stage (needs --reason).")
  static final class Promote extends OptionalReason {
    @Option(names = "--full", description = "skip every remaining stage, soak and gate, to 100%%")
    boolean full;

    @Override
    Action action() {
      return full ? Action.PROMOTE_FULL : Action.PROMOTE;
    }
  }
}
