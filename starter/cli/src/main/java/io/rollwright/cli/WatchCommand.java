package io.rollwright.cli;

import io.rollwright.api.ReleaseResult;
import io.rollwright.api.ReleaseStatus;
import io.rollwright.api.TrainRequest;
import io.rollwright.client.ReleaseWatcher;
import io.rollwright.policy.DurationText;
import java.io.Console;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "watch",
    mixinStandardHelpOptions = true,
    description = {
      "Follow a release (or a train: one line per change of a release's state) live until it ends,",
      "and exit with its outcome's code.",
      "On a terminal a panel redrawn in place; piped, plain progress lines; --output json, one status",
      "object per change. While no worker answers, it says so (on stderr with --redraw or json)",
      "and keeps waiting. Exit codes as for start --wait."
    })
final class WatchCommand extends ReleaseCommand {
  @Parameters(
      paramLabel = "RELEASE",
      description =
          "the release ID, <service>@<environment>, or a train's, train:<name>@<environment>")
  String releaseId;

  @Option(
      names = "--every",
      defaultValue = "1s",
      description = "how often to ask. Default: ${DEFAULT-VALUE}")
  String every;

  @Option(
      names = "--redraw",
      negatable = true,
      description = "redraw in place (default: when the output is a terminal)")
  Boolean redraw;

  @Override
  int run() throws Exception {
    if (releaseId.startsWith(TrainRequest.ID_PREFIX)) {
      return followTrain(releaseId, DurationText.parse(every));
    }
    ReleaseWatcher watcher = new ReleaseWatcher(temporal.client(), DurationText.parse(every));
    PrintWriter out = out();
    ReleaseResult result;
    if (json()) {
      String[] last = {null};
      result =
          watcher.follow(
              releaseId,
              status -> {
                String now = json(status);
                if (!now.equals(last[0])) {
                  last[0] = now;
                  line(now);
                }
              },
              this::notice);
    } else if (redraw != null ? redraw : onTerminal()) {
      result = watcher.follow(releaseId, status -> panel(out, status), this::notice);
    } else {
      result = watcher.print(releaseId, this::line, status -> {});
    }
    return ExitCodes.of(result.outcome());
  }

  private void panel(PrintWriter out, ReleaseStatus status) {
    out.print("\033[H\033[2J");
    StatusText.of(status).forEach(this::line);
  }

  /**
   * Whether output goes to a terminal (from Java 22 a console exists even when it does not: ask
   * it).
   */
  private static boolean onTerminal() {
    return Optional.ofNullable(System.console()).map(WatchCommand::isTerminal).orElse(false);
  }

  /**
   * {@code Console.isTerminal()} where the JDK has it (22 and later); before that a console is one.
   */
  private static boolean isTerminal(Console console) {
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (NoSuchMethodException e) {
      return true;
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }
}
