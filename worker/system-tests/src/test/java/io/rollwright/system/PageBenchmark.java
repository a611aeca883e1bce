package io.rollwright.system;

import io.rollwright.analysis.ReadingPoint;
import io.rollwright.analysis.Verdict;
import io.rollwright.api.ApprovalDecision;
import io.rollwright.api.AuditEntry;
import io.rollwright.api.ControlAnswer;
import io.rollwright.api.ControlCommand;
import io.rollwright.api.ControlRequest;
import io.rollwright.api.KillSwitchFlip;
import io.rollwright.api.Phase;
import io.rollwright.api.ProgressEvent;
import io.rollwright.api.PromoteRequest;
import io.rollwright.api.ReleaseIds;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.ReleaseStatus;
import io.rollwright.api.ReleaseWorkflow;
import io.rollwright.policy.ReleaseJson;
import io.rollwright.policy.Strategy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.Workflow;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;

/**
 * The {@code bench/page} benchmark: the release page of a release with 5 stages and 10,000 readings
 * (10 checks, 200 readings each per stage), in headless Chromium, against the starter service and
 * the real dev server. The release is a workflow that only answers {@code status} with a status of
 * that shape (a real release keeps at most 1,200 readings per check, and filling one takes hours of
 * sampling): what is measured is the page, the service and the query. Prints {@code page_load_s}
 * (from navigation until the charts are drawn), {@code page_bytes} (everything the page transferred
 * to draw them) and {@code status_bytes} (the status query's answer as JSON).
 */
@EnabledIfSystemProperty(named = "rollwright.bench", matches = "true")
class PageBenchmark extends RealServerTest {
  static final int STAGES = 5;
  static final int CHECKS = 10;
  static final int PER_STAGE = 200;
  static final long STAGE_MILLIS = 3_600_000;
  static final long T0 = System.currentTimeMillis() - STAGES * STAGE_MILLIS;

  /** A release that is only its status: 5 stages and 10,000 readings. */
  public static class StatusOnly implements ReleaseWorkflow {
    @Override
    public ReleaseResult run(ReleaseRequest request) {
      Workflow.await(() -> false);
      return null;
    }

    @Override
    public ReleaseStatus status() {
      return PageBenchmark.status();
    }

    @Override
    public List<String> controls(String caller) {
      return List.of("approve", "reject", "pause", "abort");
    }

    @Override
    public void approve(ApprovalDecision decision) {}

    @Override
    public void reject(ApprovalDecision decision) {}

    @Override
    public void pause(ControlRequest request) {}

    @Override
    public void resume(ControlRequest request) {}

    @Override
    public void abort(ControlRequest request) {}

    @Override
    public void promote(PromoteRequest request) {}

    @Override
    public void killSwitch(KillSwitchFlip flip) {}

    @Override
    public ControlAnswer control(ControlCommand command) {
      return new ControlAnswer(false, "a benchmark release takes no control");
    }

    @Override
    public void validateControl(ControlCommand command) {}
  }

  static ReleaseStatus status() {
    List<AuditEntry> audit = new ArrayList<>();
    List<ReadingPoint> readings = new ArrayList<>();
    for (int s = 0; s < STAGES; s++) {
      long start = T0 + s * STAGE_MILLIS;
      audit.add(
          new ProgressEvent.StageStarted(
              start, AuditEntry.SYSTEM, "stage-" + (s + 1), (s + 1) * 15, STAGE_MILLIS));
      for (int c = 0; c < CHECKS; c++) {
        for (int i = 0; i < PER_STAGE; i++) {
          double value = 0.01 + 0.005 * Math.sin(i / 7.0 + c) + (i == 150 && c == 3 ? 0.05 : 0);
          readings.add(
              new ReadingPoint(
                  "check-" + c,
                  start + i * (STAGE_MILLIS / PER_STAGE),
                  value,
                  0.05,
                  value > 0.05,
                  Verdict.PASS));
        }
      }
    }
    return new ReleaseStatus(
        "bench-page@prod",
        "bench-page",
        "2.0.0",
        "prod",
        Strategy.CANARY,
        "alice",
        "bench",
        Phase.SOAKING,
        STAGES,
        STAGES,
        "stage-" + STAGES,
        STAGES * 15,
        null,
        null,
        List.of(),
        List.of(),
        null,
        audit,
        T0 - 60_000,
        null,
        null,
        readings);
  }

  @Test
  void theReleasePageOf10000Readings() throws Exception {
    WorkerFactory factory = WorkerFactory.newInstance(server.client());
    factory.newWorker(ReleaseIds.TASK_QUEUE).registerWorkflowImplementationTypes(StatusOnly.class);
    factory.start();
    AppProcess service = null;
    try {
      WorkflowClient.start(
          server
                  .client()
                  .newWorkflowStub(
                      ReleaseWorkflow.class,
                      WorkflowOptions.newBuilder()
                          .setTaskQueue(ReleaseIds.TASK_QUEUE)
                          .setWorkflowId("bench-page@prod")
                          .build())
              ::run,
          (ReleaseRequest) null);
      service =
          AppProcess.service(
                  server, dir.resolve("bench-service.log"), "--rollwright.api.tokens.bob=tok-bob")
              .awaitUp(Duration.ofSeconds(90));
      int statusBytes = ReleaseJson.write(status()).getBytes(StandardCharsets.UTF_8).length;
      try (Chromium browser = Chromium.start(1280, 1000, dir.resolve("chromium-bench.log"))) {
        browser.driver.get("http://127.0.0.1:" + service.port() + "/ui/");
        browser.await(Duration.ofSeconds(20), d -> d.findElement(By.id("token")).isDisplayed());
        browser.driver.findElement(By.id("token")).sendKeys("tok-bob");
        browser.driver.findElement(By.cssSelector("#signin-form button")).click();
        browser.driver.get("http://127.0.0.1:" + service.port() + "/ui/?release=bench-page%40prod");
        browser.await(
            Duration.ofSeconds(60),
            d ->
                d.findElements(By.cssSelector("#check-charts figure svg")).size() == CHECKS
                    && (Boolean)
                        browser.driver.executeScript(
                            "return performance.getEntriesByName('charts-drawn').length > 0"));
        @SuppressWarnings("unchecked")
        Map<String, Object> measured =
            (Map<String, Object>)
                browser.driver.executeScript(
                    "const nav = performance.getEntriesByType('navigation')[0];"
                        + "const drawn = performance.getEntriesByName('charts-drawn')[0].startTime;"
                        + "const bytes = nav.transferSize + performance.getEntriesByType('resource')"
                        + ".filter(r => r.responseEnd <= drawn).reduce((a, r) => a + r.transferSize, 0);"
                        + "return {load: drawn / 1000, bytes: bytes};");
        browser.screenshot("bench-page");
        System.out.println(
            String.format(
                Locale.ROOT, "page_load_s: %.3f", ((Number) measured.get("load")).doubleValue()));
        System.out.println("page_bytes: " + ((Number) measured.get("bytes")).longValue());
        System.out.println("status_bytes: " + statusBytes);
        System.out.println("readings: " + STAGES * CHECKS * PER_STAGE);
      }
    } finally {
      closeAll(service);
      factory.shutdownNow();
    }
  }
}
