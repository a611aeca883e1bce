package io.rollwright.cli;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.rollwright.client.ReleaseEndedWithoutOutcomeException;
import io.rollwright.client.ReleaseInProgressException;
import io.rollwright.client.ReleaseNotFoundException;
import io.rollwright.policy.InvalidReleaseException;
import io.rollwright.policy.Violation;
import io.rollwright.text.TerminalText;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParseResult;

/** The {@code rollwright} command line. */
@Command(
    name = "rollwright",
    mixinStandardHelpOptions = true,
    version = "rollwright 0.1.0",
    description = "Start, watch, control and report on releases run by Rollwright.",
    footer = {
      "",
      "Exit codes:",
      "  0  done; for start --wait and watch: promoted",
      "  1  usage or input error, unknown release, release already in progress, refused control",
      "  2  rolled back",
      "  3  blocked by pre-flight (nothing deployed)",
      "  4  failed, or ended without an outcome (e.g. terminated): needs a human",
      "  5  Temporal unreachable (nothing was done; safe to retry)"
    })
public final class RollwrightCli {
  /** The subcommands before the controls, in the order help lists them. */
  private static final List<Class<?>> BEFORE_CONTROLS =
      List.of(
          StartCommand.class,
          RollbackCommand.class,
          TrainCommand.class,
          StatusCommand.class,
          WatchCommand.class);

  /** The subcommands after the controls, in the order help lists them. */
  private static final List<Class<?>> AFTER_CONTROLS =
      List.of(
          HistoryCommand.class,
          ReportCommand.class,
          DoraCommand.class,
          ValidateCommand.class,
          CalendarCommand.class,
          KillSwitchCommand.class,
          StartupTraining.class);

  public static void main(String[] args) {
    Charset terminal = Charset.defaultCharset();
    System.exit(
        run(
            new PrintWriter(new OutputStreamWriter(System.out, terminal), true),
            new PrintWriter(new OutputStreamWriter(System.err, terminal), true),
            args));
  }

  /** Runs one command line, printing to {@code out} and {@code err}; returns the exit code. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new RollwrightCli());
    commandsFor(args).forEach(cli::addSubcommand);
    cli.setOut(out).setErr(err).setDefaultValueProvider(new CliDefaults());
    cli.setParameterExceptionHandler(
        (e, given) -> {
          say(err, "rollwright: " + e.getMessage());
          say(err, "See '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
          return ExitCodes.INPUT;
        });
    cli.setExecutionExceptionHandler((e, command, parsed) -> fail(e, err, verbose(parsed)));
    return cli.execute(args);
  }

  /** Every subcommand, in the order help lists them. */
  static List<CommandLine> commands() {
    List<CommandLine> all = new ArrayList<>();
    BEFORE_CONTROLS.forEach(c -> all.add(new CommandLine(c)));
    all.addAll(ControlCommands.all());
    AFTER_CONTROLS.forEach(c -> all.add(new CommandLine(c)));
    return all;
  }

  /**
   * Only the subcommand asked for, when the first argument names one: reading a command's options
   * takes picocli a while, and a command line that starts a new JVM each time should not pay for
   * the others. Anything else (help, a mistyped name) gets them all.
   */
  private static List<CommandLine> commandsFor(String... args) {
    String first = args.length == 0 ? "" : args[0];
    CommandLine control = ControlCommands.named(first);
    if (control != null) {
      return List.of(control);
    }
    return Stream.concat(BEFORE_CONTROLS.stream(), AFTER_CONTROLS.stream())
        .filter(c -> c.getAnnotation(Command.class).name().equals(first))
        .findFirst()
        .map(c -> List.of(new CommandLine(c)))
        .orElseGet(RollwrightCli::commands);
  }

  private static boolean verbose(ParseResult parsed) {
    ParseResult last = parsed;
    while (last.hasSubcommand()) {
      last = last.subcommand();
    }
    return last.hasMatchedOption("--verbose");
  }

  /**
   * One line saying what went wrong and what to do, and the exit code; the stack trace only with
   * --verbose.
   */
  static int fail(Exception e, PrintWriter err, boolean verbose) {
    int code = ExitCodes.INPUT;
    if (e instanceof InvalidReleaseException invalid) {
      say(err, "rollwright: invalid release request:");
      for (Violation v : invalid.violations()) {
        say(err, "  " + v);
      }
    } else if (e instanceof ReleaseInProgressException
        || e instanceof ReleaseNotFoundException
        || e instanceof IllegalArgumentException) {
      say(err, "rollwright: " + e.getMessage());
    } else if (e instanceof ReleaseEndedWithoutOutcomeException ended) {
      code = ended.invalid() ? ExitCodes.INPUT : ExitCodes.FAILED;
      say(err, "rollwright: " + e.getMessage());
    } else if (e instanceof TemporalUnavailableException) {
      code = ExitCodes.UNAVAILABLE;
      say(err, "rollwright: " + e.getMessage());
    } else if (unavailable(e)) {
      code = ExitCodes.UNAVAILABLE;
      say(
          err,
          "rollwright: Temporal stopped answering ("
              + e.getMessage()
              + "). Check the server, then retry.");
    } else {
      say(
          err,
          "rollwright: unexpected error: "
              + e
              + (verbose ? "" : " (run again with --verbose for details)"));
    }
    if (verbose) {
      e.printStackTrace(err);
    }
    err.flush();
    return code;
  }

  /** Prints one line of an error, escaped like all output ({@link TerminalText}). */
  private static void say(PrintWriter err, String text) {
    err.println(TerminalText.line(text));
  }

  private static boolean unavailable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException s) {
        Status.Code c = s.getStatus().getCode();
        return c == Status.Code.UNAVAILABLE || c == Status.Code.DEADLINE_EXCEEDED;
      }
    }
    return false;
  }
}
