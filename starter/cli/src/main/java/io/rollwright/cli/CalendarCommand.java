package io.rollwright.cli;

import io.rollwright.activities.policy.DirectoryPolicyFiles;
import io.rollwright.activities.policy.PolicyActivitiesImpl;
import io.rollwright.activities.policy.PolicyFiles;
import io.rollwright.activities.policy.PolicyRepository;
import io.rollwright.policy.CalendarRule;
import io.rollwright.policy.PolicyValidator;
import io.rollwright.text.TerminalText;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Shows the deploy calendar a service's releases to an environment run under, as the worker reads
 * it from its policy files: whether a stage may start now, and the windows and freezes ahead.
 */
@Command(
    name = "calendar",
    mixinStandardHelpOptions = true,
    description = {
      "Show when releases of SERVICE to an environment may change production: now, and the next windows and freezes.",
      "Reads the worker's policy files (--policies-dir): the service's own policy and _global.yaml."
    })
final class CalendarCommand implements Callable<Integer> {
  static final int MAX_DAYS = 90;

  @Parameters(paramLabel = "SERVICE", description = "the service")
  String service;

  @Option(names = "--env", required = true, paramLabel = "ENV", description = "the environment")
  String environment;

  @Option(
      names = "--policies-dir",
      paramLabel = "DIR",
      description = "the worker's policy files (its rollwright.policies-dir)")
  Path policiesDir;

  @Option(
      names = "--default-policy",
      paramLabel = "NAME",
      defaultValue = "standard",
      description =
          "the worker's policy for services without one (rollwright.default-policy; default: ${DEFAULT-VALUE})")
  String defaultPolicy;

  @Option(
      names = "--days",
      paramLabel = "N",
      defaultValue = "14",
      description =
          "how many days ahead to show, 1 to " + MAX_DAYS + " (default: ${DEFAULT-VALUE})")
  int days;

  @Option(
      names = "--at",
      paramLabel = "INSTANT",
      description = "look from this moment (ISO-8601, e.g. 2026-12-24T10:00:00Z) instead of now")
  Instant at;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (days < 1 || days > MAX_DAYS) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--days must be between 1 and " + MAX_DAYS + " (got " + days + ")");
    }
    List<PolicyFiles> files =
        policiesDir == null ? List.of() : List.of(new DirectoryPolicyFiles(policiesDir));
    PolicyActivitiesImpl worker =
        new PolicyActivitiesImpl(
            new PolicyRepository(files),
            new PolicyValidator(new PolicyValidator.Known(Map.of(), Map.of(), Map.of())),
            new PolicyActivitiesImpl.Defaults(defaultPolicy, null, null));
    PolicyActivitiesImpl.Governing governing = worker.calendarsOf(service, environment);
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        TerminalText.line(
            "calendar of "
                + service
                + " → "
                + environment
                + " (from "
                + String.join(", ", governing.sources())
                + ")"));
    if (governing.calendars().isEmpty()) {
      out.println("no deploy calendar: stages may start at any time");
      return ExitCodes.OK;
    }
    CalendarRule rule = new CalendarRule(governing.calendars());
    long now = at != null ? at.toEpochMilli() : System.currentTimeMillis();
    CalendarRule.Hold hold = rule.at(now);
    out.println(
        TerminalText.line(
            hold == null
                ? "now: open — a stage may start"
                : "now: held — "
                    + hold.reason()
                    + (hold.untilMillis() == null
                        ? "; no opening within a year"
                        : "; opens " + instant(hold.untilMillis()))));
    out.println(
        (at == null ? "next " : "from " + instant(now) + ", next ") + days + " days (UTC):");
    for (CalendarRule.Period p : rule.upcoming(now, days)) {
      out.println(
          TerminalText.line(
              "  "
                  + String.format("%-6s", p.kind())
                  + " "
                  + instant(p.startMillis())
                  + " → "
                  + instant(p.endMillis())
                  + "  "
                  + p.what()));
    }
    return ExitCodes.OK;
  }

  private static final DateTimeFormatter MINUTES =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private static String instant(long millis) {
    return MINUTES.format(Instant.ofEpochMilli(millis));
  }
}
