package io.rollwright.starter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RollwrightCliTest {
  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int validate(String json) throws IOException {
    Path file = Files.writeString(dir.resolve("request.json"), json);
    return RollwrightCli.run(new PrintWriter(out, true), new PrintWriter(err, true), "validate", file.toString());
  }

  @Test
  void validRequestExitsZeroAndNamesTheRelease() throws IOException {
    int code = validate("""
        {"service":"checkout","version":"2.3.0","image":"registry.example/checkout:2.3.0",
         "environment":"prod","requestedBy":"alice","policy":"standard"}""");

    assertEquals(0, code, err.toString());
    assertTrue(out.toString().contains("release id checkout@prod"), out.toString());
  }

  @Test
  void invalidRequestExitsOneNamingEveryField() throws IOException {
    int code = validate("""
        {"service":"Checkout","version":"","image":"x","environment":"prod","requestedBy":"alice","strategy":"direct"}""");

    assertEquals(1, code);
    String errors = err.toString();
    assertTrue(errors.contains("service: must be lower-case"), errors);
    assertTrue(errors.contains("version: is required"), errors);
    assertTrue(errors.contains("reason: is required for the direct strategy"), errors);
  }

  @Test
  void malformedJsonExitsOne() throws IOException {
    assertEquals(1, validate("{\"service\": "));
    assertTrue(err.toString().contains("request: is not well-formed"), err.toString());
  }

  @Test
  void missingFileExitsOne() {
    int code = RollwrightCli.run(new PrintWriter(out, true), new PrintWriter(err, true), "validate", dir.resolve("nope.json").toString());
    assertEquals(1, code);
    assertTrue(err.toString().contains("cannot read"), err.toString());
  }

  @Test
  void aBrokenPolicyFileIsRefusedBeforeAnythingIsAskedOfTemporal() throws IOException {
    Path policy = Files.writeString(dir.resolve("policy.yaml"), "stages:\n  - name: canary-10\n    weight: ten\n");
    int code = RollwrightCli.run(new PrintWriter(out, true), new PrintWriter(err, true), "start", "checkout", "2.3.0",
        "--image", "registry.example/checkout:2.3.0", "--env", "prod", "--policy-file", policy.toString(), "--address", "127.0.0.1:9");
    assertEquals(1, code, err.toString());
    assertTrue(err.toString().startsWith("rollwright: invalid release request:\n  policy file " + policy + ".stages[0].weight:"), err.toString());
  }

  @Test
  void policyNameAndFileExcludeEachOther() {
    int code = RollwrightCli.run(new PrintWriter(out, true), new PrintWriter(err, true), "start", "checkout", "2.3.0",
        "--image", "x", "--env", "prod", "--policy", "standard", "--policy-file", "p.yaml");
    assertEquals(1, code);
    assertTrue(err.toString().contains("mutually exclusive"), err.toString());
  }

  @Test
  void helpListsEveryCommandAndTheExitCodes() {
    assertEquals(0, RollwrightCli.run(new PrintWriter(out, true), new PrintWriter(err, true), "--help"));
    for (String command : new String[] {"start", "status", "watch", "approve", "reject", "pause", "resume", "abort", "promote",
        "history", "dora", "validate"}) {
      assertTrue(out.toString().contains("\n  " + command + " "), command + " in " + out);
    }
    assertTrue(out.toString().contains("5  Temporal unreachable"), out.toString());
  }
}
