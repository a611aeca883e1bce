package io.rollwright.cli;

import io.rollwright.api.ControlAnswer;
import io.rollwright.api.ControlCommand;
import io.rollwright.api.ControlCommand.Action;
import io.rollwright.api.RequestCheck;
import io.rollwright.client.ReleaseControls;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The controls, one command each as {@link Action} describes them (name, what it does, whether it
 * needs {@code --reason}). Each prints the release's answer and exits 0 when it was accepted, 1
 * when refused (the refusal is in the release's audit timeline).
 */
final class ControlCommands {
  private ControlCommands() {}

  /** The command line of every control, in the order help lists them. */
  static List<CommandLine> all() {
    return Action.offered().stream().map(ControlCommands::of).toList();
  }

  /** The command line of the control named {@code name}, or null when none has that name. */
  static CommandLine named(String name) {
    Action action = Action.named(name, false);
    return action == null ? null : of(action);
  }

  private static CommandLine of(Action action) {
    CommandLine line = new CommandLine(new Control(action));
    CommandSpec spec = line.getCommandSpec();
    spec.name(action.command());
    spec.usageMessage().description(action.summary());
    if (action != Action.PROMOTE) {
      spec.remove(spec.findOption("--full"));
    }
    if (action.needsReason()) {
      OptionSpec reason = spec.findOption("--reason");
      spec.remove(reason);
      spec.addOption(
          OptionSpec.builder(reason)
              .required(true)
              .description("why (required; recorded in the audit timeline)")
              .build());
    }
    return line;
  }

  @Command(mixinStandardHelpOptions = true)
  static final class Control extends ReleaseCommand {
    private final Action action;

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

    @Option(names = "--reason", description = "why (recorded in the audit timeline)")
    String reason;

    @Option(names = "--full", description = "skip every remaining stage, soak and gate, to 100%%")
    boolean full;

    Control(Action action) {
      this.action = action;
    }

    @Override
    int run() throws Exception {
      Action sent = action == Action.PROMOTE && full ? Action.PROMOTE_FULL : action;
      requireReason(sent, reason, sent.command() + (full ? " --full" : ""));
      ControlCommand command = new ControlCommand(sent, identity("--as", actor), reason);
      RequestCheck.requireControl(command);
      ControlAnswer answer =
          new ReleaseControls(temporal.client(), Duration.ofSeconds(10)).send(releaseId, command);
      return answered(answer);
    }
  }
}
