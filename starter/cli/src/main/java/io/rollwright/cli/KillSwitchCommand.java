package io.rollwright.cli;

import io.rollwright.api.ControlAnswer;
import io.rollwright.api.KillSwitch;
import io.rollwright.api.KillSwitchFlip;
import io.rollwright.client.KillSwitches;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Turns a kill switch on or off, or shows it: the global one, or one service's in one environment.
 * On, it holds every running release it governs where it is and blocks new ones.
 */
@Command(
    name = "kill-switch",
    mixinStandardHelpOptions = true,
    description = {
      "Turn a kill switch on or off, or show it: --global, or SERVICE with --env.",
      "On, running releases it governs halt where they are and new ones are blocked at pre-flight;",
      "off, the halted ones go on. Needs the operators (or breakGlass) role; exits 1 when refused."
    })
final class KillSwitchCommand extends ReleaseCommand {
  /** What to do with the switch. */
  enum Flip {
    on,
    off,
    status
  }

  @Parameters(index = "0", paramLabel = "on|off|status")
  Flip flip;

  @Parameters(index = "1", arity = "0..1", paramLabel = "SERVICE")
  String service;

  @Option(names = "--env", paramLabel = "ENV", description = "the environment of SERVICE")
  String environment;

  @Option(names = "--global", description = "the switch that governs every release")
  boolean global;

  @Option(names = "--reason", description = "why (required to turn it on or off)")
  String reason;

  @Option(
      names = "--as",
      paramLabel = "WHO",
      description = "who you are, as policies name you (ROLLWRIGHT_USER, else your user name)")
  String actor;

  @Override
  int run() throws Exception {
    if (global == (service != null)) {
      throw new IllegalArgumentException("name SERVICE with --env, or --global (not both)");
    }
    if (service != null && environment == null) {
      throw new IllegalArgumentException("--env is required with SERVICE");
    }
    String scope = global ? KillSwitchFlip.GLOBAL : KillSwitches.scope(service, environment);
    if (flip != Flip.status && (reason == null || reason.isBlank())) {
      throw new IllegalArgumentException("--reason is required to turn a kill switch " + flip);
    }
    KillSwitches switches = new KillSwitches(temporal.client());
    if (flip == Flip.status) {
      KillSwitch state = switches.state(scope);
      if (json()) {
        printJson(state);
      } else {
        line(
            state.last() == null
                ? "kill switch " + scope + ": off (never flipped)"
                : state.last().sentence() + " at " + Instant.ofEpochMilli(state.last().atMillis()));
      }
      return ExitCodes.OK;
    }
    ControlAnswer answer = switches.flip(scope, flip == Flip.on, identity("--as", actor), reason);
    if (json()) {
      printJson(answer);
    } else {
      line((answer.accepted() ? "" : "refused: ") + answer.message());
    }
    return answer.accepted() ? ExitCodes.OK : ExitCodes.INPUT;
  }
}
