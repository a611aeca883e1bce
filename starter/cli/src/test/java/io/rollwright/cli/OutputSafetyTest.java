package io.rollwright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollwright.api.ControlEvent;
import io.rollwright.api.Phase;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.ReleaseStatus;
import io.rollwright.api.RollbackReason;
import io.rollwright.client.ReleaseReader;
import io.rollwright.policy.Strategy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Nothing a caller put in a release reaches the terminal or a CI log as a line of its own or a
 * control sequence.
 */
class OutputSafetyTest {
  private static final String PWNED = "ok\n::error::pwned";
  private static final String RED = "\u001b[31mred\u001b[0m";

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private static ReleaseStatus hostile() {
    return new ReleaseStatus(
        "checkout@prod",
        "checkout",
        "2.3.0",
        "prod",
        Strategy.CANARY,
        "mallory " + RED,
        "standard",
        Phase.DONE,
        1,
        1,
        "canary-10",
        10,
        null,
        null,
        List.of(),
        List.of(),
        new ReleaseResult(
            "checkout@prod",
            ReleaseOutcome.ROLLED_BACK,
            RollbackReason.ABORTED,
            "aborted by mallory: " + PWNED,
            12_000),
        List.of(new ControlEvent.Aborted(1_700_000_000_000L, "mallory", PWNED + " " + RED)),
        1_700_000_000_000L);
  }

  private String status(ReleaseStatus status, String... options) throws Exception {
    StatusCommand command = new StatusCommand();
    new CommandLine(command)
        .setOut(new PrintWriter(out, true))
        .parseArgs(concat("checkout@prod", options));
    command.print(new ReleaseReader.Reading(status, null));
    return out.toString();
  }

  private static String[] concat(String first, String... rest) {
    String[] all = Arrays.copyOf(new String[] {first}, rest.length + 1);
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  @Test
  void aStatusWhoseReasonCarriesANewlineAndAnAnsiSequencePrintsOneLineEach() throws Exception {
    String printed = status(hostile());

    List<String> lines = printed.lines().toList();
    assertEquals(StatusText.of(hostile()).size(), lines.size(), printed);
    for (String line : lines) {
      assertFalse(
          line.strip().startsWith("::"), "a line GitHub Actions would run as a command: " + line);
      assertFalse(
          line.contains("\u001b") || line.contains("\r"),
          "a control character reached the terminal: " + line);
    }
    assertTrue(
        lines.stream()
            .anyMatch(
                l ->
                    l.endsWith(
                        "mallory  aborted — ok\\n:\u200b:error:\u200b:pwned \\x1b[31mred\\x1b[0m")),
        printed);
    assertTrue(
        lines.stream()
            .anyMatch(
                l ->
                    l.endsWith(
                        "ROLLED_BACK in 12.0s — reason (aborted): aborted by mallory: ok\\n:\u200b:error:\u200b:pwned")),
        printed);
    assertTrue(lines.get(0).endsWith("requested by mallory \\x1b[31mred\\x1b[0m"), lines.get(0));
  }

  @Test
  void asJsonTheValuesStayIntactAndEscapedOnOneLine() throws Exception {
    ReleaseStatus c1 = hostile();
    String printed =
        status(
            new ReleaseStatus(
                c1.releaseId(),
                c1.service(),
                c1.version(),
                c1.environment(),
                c1.strategy(),
                "mallory\u009b31m",
                c1.policy(),
                c1.phase(),
                1,
                1,
                c1.stage(),
                10,
                null,
                null,
                List.of(),
                List.of(),
                c1.result(),
                c1.audit(),
                0),
            "-o",
            "json");

    assertEquals(1, printed.lines().count(), printed);
    assertTrue(
        printed.contains("mallory\\u009b31m")
            && !printed.contains("\u009b")
            && !printed.contains("\u001b"),
        printed);
    ReleaseStatus read = new ObjectMapper().readValue(printed, ReleaseStatus.class);
    assertEquals(PWNED + " " + RED, read.audit().get(0).detail(), "JSON keeps the value itself");
  }

  @Test
  void anErrorNamingACallersValueStaysOneLine() {
    int code =
        RollwrightCli.run(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            "status",
            "x@prod",
            "--bogus\n::error::pwned");

    assertEquals(ExitCodes.INPUT, code);
    assertTrue(err.toString().lines().noneMatch(l -> l.strip().startsWith("::")), err.toString());
    assertTrue(err.toString().contains("--bogus\\n:\u200b:error:\u200b:pwned"), err.toString());
  }
}
