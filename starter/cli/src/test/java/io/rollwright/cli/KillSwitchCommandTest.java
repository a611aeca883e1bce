package io.rollwright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code rollwright kill-switch}: what it refuses before it talks to Temporal. */
class KillSwitchCommandTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "on --global                          | --reason is required to turn a kill switch on",
        "off checkout --env prod              | --reason is required to turn a kill switch off",
        "on checkout --global --reason x      | name SERVICE with --env, or --global (not both)",
        "on --reason x                        | name SERVICE with --env, or --global (not both)",
        "on checkout --reason x               | --env is required with SERVICE",
        "on Checkout --env prod --reason x    | service: 'Checkout' is not a DNS-1123 label",
        "flip --global --reason x             | Invalid value for positional parameter"
      })
  void refusesNamingTheProblem(String args, String expected) {
    StringWriter err = new StringWriter();
    int code =
        RollwrightCli.run(
            new PrintWriter(new StringWriter(), true),
            new PrintWriter(err, true),
            ("kill-switch " + args.strip()).split(" +"));
    assertEquals(1, code, err.toString());
    assertTrue(err.toString().contains(expected), err.toString());
  }
}
