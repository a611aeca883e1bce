package io.rollwright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollwright.api.ControlCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RollwrightCliTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int validate(String json) throws IOException {
    Path file = Files.writeString(dir.resolve("request.json"), json);
    return RollwrightCli.run(
        new PrintWriter(out, true), new PrintWriter(err, true), "validate", file.toString());
  }

  @Test
  void validRequestExitsZeroAndNamesTheRelease() throws IOException {
    int code =
        validate(
            """
        {"service":"checkout","version":"2.3.0","image":"registry.example/checkout:2.3.0",
         "environment":"prod","requestedBy":"alice","policy":"standard"}""");

    assertEquals(0, code, err.toString());
    assertTrue(out.toString().contains("release id checkout@prod"), out.toString());
  }

  @Test
  void invalidRequestExitsOneNamingEveryField() throws IOException {
    int code =
        validate(
            """
        {"service":"Checkout","version":"","image":"x","environment":"prod","requestedBy":"alice","strategy":"direct"}""");

    assertEquals(1, code);
    String errors = err.toString();
    assertTrue(errors.contains("service: 'Checkout' is not a DNS-1123 label"), errors);
    assertTrue(errors.contains("version: is required"), errors);
    assertTrue(errors.contains("reason: is required for the direct strategy"), errors);
  }

  @Test
  void validateAppliesEachPreflightChecksOwnRulesAsTheWorkerDoes() throws IOException {
    int code =
        validate(
            """
        {"service":"checkout","version":"2.3.0","image":"registry.example/checkout:2.3.0",
         "environment":"prod","requestedBy":"alice","inlinePolicy":{"extends":"standard",
         "preflight":[{"check":"quality-gate"},{"check":"change-freeze","windows":["Christmas"]}]}}""");

    assertEquals(1, code);
    String errors = err.toString();
    assertTrue(errors.contains("policy.preflight[0].min: is required for quality-gate"), errors);
    assertTrue(errors.contains("policy.preflight[1].windows[0]: must be an interval"), errors);
  }

  @Test
  void malformedJsonExitsOne() throws IOException {
    assertEquals(1, validate("{\"service\": "));
    assertTrue(err.toString().contains("request: is not well-formed"), err.toString());
  }

  @Test
  void missingFileExitsOne() {
    int code =
        RollwrightCli.run(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            "validate",
            dir.resolve("nope.json").toString());
    assertEquals(1, code);
    assertTrue(err.toString().contains("cannot read"), err.toString());
  }

  @Test
  void aBrokenPolicyFileIsRefusedBeforeAnythingIsAskedOfTemporal() throws IOException {
    Path policy =
        Files.writeString(
            dir.resolve("policy.yaml"), "stages:\n  - name: canary-10\n    weight: ten\n");
    int code =
        RollwrightCli.run(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            "start",
            "checkout",
            "2.3.0",
            "--image",
            "registry.example/checkout:2.3.0",
            "--env",
            "prod",
            "--policy-file",
            policy.toString(),
            "--address",
            "127.0.0.1:9");
    assertEquals(1, code, err.toString());
    assertTrue(
        err.toString()
            .startsWith(
                "rollwright: invalid release request:\n  policy file "
                    + policy
                    + ".stages[0].weight:"),
        err.toString());
  }

  private int run(String... args) {
    return RollwrightCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  @Test
  void anInvalidRequestIsRefusedBeforeAnythingIsSent() {
    // nothing listens on port 9: had the CLI tried to send, it would exit 5 (Temporal unreachable)
    int code =
        run(
            "start",
            "Checkout",
            "2.3.0",
            "--image",
            "registry.example/checkout:2.3.0",
            "--env",
            "prod",
            "--reason",
            "r".repeat(70000),
            "--requested-by",
            "alice",
            "--address",
            "127.0.0.1:9");
    assertEquals(1, code, err.toString());
    assertTrue(
        err.toString().contains("service: 'Checkout' is not a DNS-1123 label"), err.toString());
    assertTrue(err.toString().contains("reason: 70000 characters, at most 2000"), err.toString());
  }

  @Test
  void aChangeTimeInTheFutureIsRefusedBeforeAnythingIsSent() {
    String tomorrow = java.time.Instant.now().plus(java.time.Duration.ofDays(1)).toString();
    int code =
        run(
            "start",
            "checkout",
            "2.3.0",
            "--image",
            "registry.example/checkout:2.3.0",
            "--env",
            "prod",
            "--requested-by",
            "alice",
            "--change-ref",
            "c0ffee",
            "--change-time",
            tomorrow,
            "--address",
            "127.0.0.1:9");
    assertEquals(1, code, err.toString());
    assertTrue(
        err.toString().contains("--change-time: " + tomorrow + " is in the future"),
        err.toString());
  }

  @Test
  void aControlWithAMultiLineReasonIsRefusedBeforeAnythingIsSent() {
    int code =
        run(
            "abort",
            "checkout@prod",
            "--as",
            "alice",
            "--reason",
            "wrong image\nrm -rf",
            "--address",
            "127.0.0.1:9");
    assertEquals(1, code, err.toString());
    assertTrue(
        err.toString().contains("reason: contains a control character (U+000A at position 11)"),
        err.toString());
  }

  @Test
  void validateResolvesNamedPoliciesAsTheWorkerDoes() throws IOException {
    String request =
        """
        {"service":"checkout","version":"2.3.0","image":"registry.example/checkout:2.3.0","environment":"prod","requestedBy":"alice",%s}""";
    assertEquals(0, validate(request.formatted("\"policy\":\"standard\"")), err.toString());
    assertTrue(
        out.toString()
            .contains("policy standard from classpath:rollwright/presets/standard.yaml (3 stages)"),
        out.toString());

    // the preset's approval gate names groups only the worker's policy files fill: refused, as the
    // worker would
    assertEquals(1, validate(request.formatted("\"policy\":\"progressive\"")));
    assertTrue(
        err.toString()
            .contains(
                "gate.fromEach: no set of different people covers every group: team-lead,"
                    + " sre-oncall would have no approver of its own"),
        err.toString());

    assertEquals(1, validate(request.formatted("\"policy\":\"nope\"")));
    assertTrue(err.toString().contains("policy: 'nope' is not a known policy"), err.toString());
  }

  @Test
  void validateAppliesTheRolesOfTheServicesOwnPolicy() throws IOException {
    Path policies = Files.createDirectories(dir.resolve("policies"));
    Files.writeString(
        policies.resolve("checkout.yaml"),
        """
        extends: standard
        roles:
          requesters: {people: [alice, sam]}
          breakGlass: {people: [sam, kim]}
        """);
    String request =
        """
        {"service":"checkout","version":"2.3.0","image":"registry.example/checkout:2.3.0","environment":"prod","requestedBy":"%s"%s}""";
    Path file = Files.writeString(dir.resolve("request.json"), request.formatted("mallory", ""));
    assertEquals(1, run("validate", file.toString(), "--policies-dir", policies.toString()));
    assertTrue(
        err.toString()
            .contains(
                "requestedBy: mallory may not start a release of checkout@prod: that needs the requesters role (held by alice, sam)"),
        err.toString());

    Files.writeString(file, request.formatted("alice", ",\"policy\":\"quick\""));
    assertEquals(1, run("validate", file.toString(), "--policies-dir", policies.toString()));
    assertTrue(
        err.toString().contains("alice may not start an override: policy quick"), err.toString());

    Files.writeString(
        file, request.formatted("sam", ",\"strategy\":\"direct\",\"reason\":\"hotfix\""));
    assertEquals(
        0, run("validate", file.toString(), "--policies-dir", policies.toString()), err.toString());
    assertTrue(
        out.toString()
            .contains(
                "break-glass: a direct release (skipping stages and analysis); it waits for a second holder"
                    + " of the breakGlass role to confirm"),
        out.toString());
  }

  @Test
  void validateAppliesThePolicyRulesOfTheWorkflow() throws IOException {
    String request =
        """
        {"service":"checkout","version":"2.3.0","image":"registry.example/checkout:2.3.0","environment":"prod","requestedBy":"alice",
         "inlinePolicy":%s}""";
    assertEquals(1, validate(request.formatted("{\"extends\":\"standard\",\"stages\":[]}")));
    assertTrue(
        err.toString().contains("policy.stages: must list at least one stage"), err.toString());

    assertEquals(
        1,
        validate(
            request.formatted(
                """
        {"extends":"standard","stages":[{"name":"a","weight":10,"soak":"30m"},{"name":"a","weight":50,"soak":"1h"}]}""")));
    assertTrue(
        err.toString().contains("policy.stages[1].name: 'a' is already the name of stages[0]"),
        err.toString());

    assertEquals(
        1,
        validate(
            request.formatted(
                """
        {"extends":"standard","checks":[{"metric":"error-rate","max":"NaN"}]}""")));
    assertTrue(
        err.toString().contains("request.inlinePolicy.checks[0].max: must be a finite number"),
        err.toString());

    assertEquals(1, validate(request.formatted("{\"extends\":\"nope\"}")));
    assertTrue(
        err.toString().contains("inlinePolicy: extends: 'nope' is not a known policy"),
        err.toString());
  }

  @Test
  void policyNameAndFileExcludeEachOther() {
    int code =
        RollwrightCli.run(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            "start",
            "checkout",
            "2.3.0",
            "--image",
            "x",
            "--env",
            "prod",
            "--policy",
            "standard",
            "--policy-file",
            "p.yaml");
    assertEquals(1, code);
    assertTrue(err.toString().contains("mutually exclusive"), err.toString());
  }

  @Test
  void helpListsEveryCommandAndTheExitCodes() {
    assertEquals(
        0, RollwrightCli.run(new PrintWriter(out, true), new PrintWriter(err, true), "--help"));
    for (String command :
        new String[] {
          "start",
          "status",
          "watch",
          "approve",
          "reject",
          "pause",
          "resume",
          "abort",
          "promote",
          "history",
          "dora",
          "validate"
        }) {
      assertTrue(out.toString().contains("\n  " + command + " "), command + " in " + out);
    }
    assertTrue(out.toString().contains("5  Temporal unreachable"), out.toString());
    assertFalse(out.toString().contains("startup-training"), out.toString());
  }

  @Test
  void eachControlIsTheCommandItsDescriptionMakes() {
    for (ControlCommand.Action action : ControlCommand.Action.offered()) {
      out.getBuffer().setLength(0);
      assertEquals(0, run(action.command(), "--help"), action.command());
      assertTrue(out.toString().replaceAll("\\s+", " ").contains(action.summary()), out.toString());
      assertEquals(
          action.needsReason(),
          out.toString().contains("why (required; recorded in the audit timeline)"),
          out.toString());
      assertEquals(action == ControlCommand.Action.PROMOTE, out.toString().contains("--full"));
    }
  }

  @Test
  void aControlThatNeedsAReasonIsRefusedBeforeAnythingIsSent() {
    assertEquals(1, run("abort", "checkout@prod", "--as", "sam"));
    assertTrue(
        err.toString().contains("Missing required option: '--reason=<reason>'"), err.toString());
    err.getBuffer().setLength(0);
    assertEquals(1, run("promote", "checkout@prod", "--as", "sam", "--full"));
    assertTrue(err.toString().contains("--reason is required for promote --full"), err.toString());
    err.getBuffer().setLength(0);
    assertEquals(1, run("pause", "checkout@prod", "--full"));
    assertTrue(err.toString().contains("Unknown option: '--full'"), err.toString());
  }

  @Test
  void aMistypedCommandIsRefused() {
    assertEquals(1, run("statsu", "checkout@prod"));
    assertTrue(
        err.toString().contains("Unmatched arguments from index 0: 'statsu'"), err.toString());
  }

  @Test
  void aCommandNamedFirstIsTheOnlyOneBuiltAndStillKnowsItsOptions() {
    assertEquals(0, run("status", "--help"));
    assertTrue(out.toString().startsWith("Usage: rollwright status"), out.toString());
    assertTrue(out.toString().contains("--output"), out.toString());
  }

  @Test
  void startupTrainingNeedsNoServerAndPrintsNothing() {
    assertEquals(0, run("startup-training"));
    assertEquals("", out.toString());
    assertEquals("", err.toString());
  }
}
