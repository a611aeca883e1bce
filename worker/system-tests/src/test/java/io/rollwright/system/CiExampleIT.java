package io.rollwright.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CI example in {@code deploy/ci}: the command line installed by {@code starter/cli/install.sh}
 * as the workflow does, and {@code deploy/ci/release.sh} run as its release step, against the real
 * dev server: a healthy release passes the job, a breaching one fails it.
 */
class CiExampleIT extends RealServerTest {
  private static final Path REPO = Repo.root();
  private static AppProcess worker;
  private static Path rollwright;

  @BeforeAll
  static void installAndStartWorker() throws Exception {
    rollwright = install(dir.resolve("ci-cli"));
    worker = worker("ci", "--rollwright.sandbox.metrics[0]=ci-bad canary error-rate = 0.4");
  }

  @AfterAll
  static void stopWorker() throws InterruptedException {
    if (worker != null) {
      worker.close();
    }
  }

  /**
   * Installs the command line under {@code prefix} with the documented script; returns the
   * launcher.
   */
  static Path install(Path prefix) throws IOException, InterruptedException {
    Process install =
        new ProcessBuilder(
                REPO.resolve("starter/cli/install.sh").toString(),
                prefix.toAbsolutePath().toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(install.waitFor(2, TimeUnit.MINUTES), "install.sh did not finish");
    assertEquals(0, install.exitValue(), output);
    Path launcher = prefix.toAbsolutePath().resolve("bin/rollwright");
    assertTrue(Files.isExecutable(launcher), output);
    return launcher;
  }

  private record Step(int code, String output) {}

  private static Step releaseStep(String service) throws Exception {
    return releaseStep(service, "1.4.0");
  }

  private static Step releaseStep(String service, String version) throws Exception {
    ProcessBuilder step =
        new ProcessBuilder(REPO.resolve("deploy/ci/release.sh").toString())
            .directory(REPO.toFile())
            .redirectErrorStream(true);
    step.environment()
        .putAll(
            Map.of(
                "SERVICE",
                service,
                "VERSION",
                version,
                "IMAGE",
                "registry.example/" + service + ":1.4.0",
                "ENVIRONMENT",
                "prod",
                "POLICY",
                "brief",
                "CHANGE_REF",
                "HEAD",
                "REQUESTED_BY",
                "ci-bot",
                "TEMPORAL_ADDRESS",
                server.address(),
                "ROLLWRIGHT",
                rollwright.toString()));
    Process p = step.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(3, TimeUnit.MINUTES));
    return new Step(p.exitValue(), output);
  }

  @Test
  void theWorkflowRunsTheInstallScriptAndTheReleaseStep() throws IOException {
    String workflow = Files.readString(REPO.resolve("deploy/ci/github-actions-release.yaml"));
    assertTrue(
        workflow.contains(".rollwright/starter/cli/install.sh \"$HOME/.local\""),
        "the job installs the CLI with install.sh");
    assertTrue(
        workflow.contains("run: .rollwright/deploy/ci/release.sh"),
        "the job's release step is release.sh");
  }

  @Test
  void aPromotedReleasePassesTheJob() throws Exception {
    Step step = releaseStep("ci-good");
    assertEquals(0, step.code(), step.output());
    assertTrue(step.output().contains("✅ ci-good@prod PROMOTED in "), step.output());
    assertTrue(step.output().contains("::notice::ci-good 1.4.0 promoted in prod"), step.output());
    Cli dora = Cli.run(server, "dora", "--service", "ci-good", "--output", "json");
    assertTrue(
        dora.out().contains("\"leadTimeSamples\":1"),
        "the commit time of CHANGE_REF came from git: " + dora.out());
  }

  @Test
  void aRolledBackReleaseFailsTheJob() throws Exception {
    Step step = releaseStep("ci-bad");
    assertEquals(2, step.code(), step.output());
    assertTrue(step.output().contains("🔙 ci-bad@prod ROLLED_BACK"), step.output());
    assertTrue(step.output().contains("::error::ci-bad 1.4.0 rolled back in prod"), step.output());
  }

  @Test
  void aVersionCarryingAWorkflowCommandCannotAddOneToTheJobLog() throws Exception {
    Step step = releaseStep("ci-odd", "1.4.0\n::error::pwned%0A");
    assertEquals(1, step.code(), step.output());
    java.util.List<String> commands =
        step.output().lines().filter(l -> l.strip().startsWith("::")).toList();
    assertEquals(java.util.List.of("::error::rollwright exited 1"), commands, step.output());
    assertTrue(
        step.output().contains("version: contains a control character"),
        "refused, naming the field: " + step.output());
  }
}
