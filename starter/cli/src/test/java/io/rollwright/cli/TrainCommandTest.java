package io.rollwright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rollwright train}: a train file is read strictly and checked before anything is sent
 * (nothing listens on port 9: had the command tried to reach Temporal, it would exit 5).
 */
class TrainCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  @TempDir Path dir;

  private int run(String... args) {
    return RollwrightCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  private Path file(String yaml) throws IOException {
    return Files.writeString(dir.resolve("train.yaml"), yaml);
  }

  @Test
  void aTrainWhoseOrderGoesRoundInACircleIsRefusedNamingIt() throws IOException {
    Path train =
        file(
            """
            name: checkout-q4
            environment: prod
            releases:
              - {service: db, version: 2.0.0, image: registry.example/db:2.0.0, after: [web]}
              - {service: web, version: "2 0", image: registry.example/web:2.0.0, after: [db]}
            """);

    assertEquals(
        1, run("train", "start", train.toString(), "--address", "127.0.0.1:9"), err.toString());
    assertTrue(
        err.toString().contains("releases[1].version: must be letters, digits"), err.toString());
    assertEquals(
        1,
        run(
            "train",
            "start",
            file("""
                    name: checkout-q4
                    environment: prod
                    releases:
                      - {service: db, version: 2.0.0, image: registry.example/db:2.0.0, after: [web]}
                      - {service: web, version: 2.0.0, image: registry.example/web:2.0.0, after: [db]}
                    """)
                .toString(),
            "--address",
            "127.0.0.1:9"));
    assertTrue(
        err.toString()
            .contains("releases: the order goes round in a circle: db after web after db"),
        err.toString());
  }

  @Test
  void theFileSaysWhatAndTheCommandLineWhoAsks() throws IOException {
    Path train =
        file(
            """
            name: checkout-q4
            environment: prod
            requestedBy: mallory
            releases:
              - {service: db, version: 2.0.0, image: registry.example/db:2.0.0}
            """);

    assertEquals(1, run("train", "start", train.toString(), "--address", "127.0.0.1:9"));
    assertTrue(err.toString().contains("requestedBy: leave it out of the file"), err.toString());
  }

  @Test
  void anUnknownFieldIsRefusedNamingIt() throws IOException {
    Path train =
        file(
            """
            name: checkout-q4
            environment: prod
            releases:
              - {service: db, version: 2.0.0, image: registry.example/db:2.0.0, before: [web]}
            """);

    assertEquals(1, run("train", "start", train.toString(), "--address", "127.0.0.1:9"));
    assertTrue(err.toString().contains("before"), err.toString());
  }

  @Test
  void aTrainIsNamedWithItsEnvironment() {
    assertEquals(1, run("train", "status", "checkout-q4", "--address", "127.0.0.1:9"));
    assertTrue(err.toString().contains("--env is required with train status NAME"), err.toString());
  }

  @Test
  void wavesAreRefusedBeforeAnythingIsSentWhenTheyCannotRun() {
    String[] start = {
      "start", "checkout", "2.0.0", "--image", "registry.example/checkout:2.0.0", "--env", "staging"
    };
    assertEquals(1, run(concat(start, "--waves", "prod-us//prod-eu", "--address", "127.0.0.1:9")));
    assertTrue(
        err.toString().contains("--waves: 'prod-us//prod-eu' has an empty environment"),
        err.toString());
    assertEquals(
        1,
        run(
            concat(
                start,
                "--waves",
                "prod-us",
                "--direct",
                "--reason",
                "x",
                "--address",
                "127.0.0.1:9")));
    assertTrue(err.toString().contains("--waves cannot be used with --direct"), err.toString());
    assertEquals(1, run(concat(start, "--keep-earlier-waves", "--address", "127.0.0.1:9")));
    assertTrue(err.toString().contains("--keep-earlier-waves needs --waves"), err.toString());
    assertEquals(1, run(concat(start, "--waves", "prod-us,staging", "--address", "127.0.0.1:9")));
    assertTrue(
        err.toString().contains("releases[2].service: checkout is already releases[0]"),
        err.toString());
    String[] unreachable = {"--address", "127.0.0.1:9"};
    assertEquals(1, run(concat(concat(start, "--wave-approvers", "carol"), unreachable)));
    assertTrue(err.toString().contains("--wave-approvers needs --waves"), err.toString());
    String[] waves = concat(start, "--waves", "prod-us", "--bake-between-waves");
    assertEquals(1, run(concat(concat(waves, "soon"), unreachable)));
    assertTrue(err.toString().contains("--bake-between-waves: "), err.toString());
    assertEquals(1, run(concat(concat(waves, "8d"), unreachable)));
    assertTrue(
        err.toString().contains("releases[1].bake: must be between 0s and 7d (got 8d)"),
        err.toString());
  }

  @Test
  void aGateIsNamedOnlyWhenDecidingOne() {
    assertEquals(
        1,
        run(
            "train",
            "pause",
            "checkout-q4",
            "--env",
            "prod",
            "--gate",
            "api",
            "--address",
            "127.0.0.1:9"));
    assertTrue(
        err.toString().contains("--gate is for train approve and train reject"), err.toString());
    assertEquals(
        1, run("train", "reject", "checkout-q4", "--env", "prod", "--address", "127.0.0.1:9"));
    assertTrue(err.toString().contains("reason"), err.toString());
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
