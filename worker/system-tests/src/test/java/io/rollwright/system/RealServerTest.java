package io.rollwright.system;

import io.rollwright.api.Phase;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.ReleaseWorkflow;
import io.rollwright.api.TrainRequest;
import io.rollwright.api.TrainResult;
import io.rollwright.client.ReleaseStarter;
import io.rollwright.client.Trains;
import io.rollwright.policy.Strategy;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * Base of the tests against the real Temporal dev server, one per test class, with workers as
 * separate processes.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
abstract class RealServerTest {
  static TemporalDevServer server;
  static Path dir;

  @BeforeAll
  static void startServer() throws Exception {
    dir =
        Files.createDirectories(Path.of("target", "real-server"))
            .resolve(String.valueOf(System.nanoTime()));
    server = TemporalDevServer.start(dir.resolve("server"));
  }

  @AfterAll
  static void stopServer() throws InterruptedException {
    if (server != null) {
      server.close();
    }
  }

  static ReleaseRequest request(String service, String policy) {
    return request(service, "2.3.0", "prod", policy);
  }

  /** A canary release of {@code version} of {@code service} to {@code environment}, by alice. */
  static ReleaseRequest request(String service, String version, String environment, String policy) {
    return new ReleaseRequest(
        service,
        version,
        "registry.example/" + service + ":" + version,
        environment,
        Strategy.CANARY,
        policy,
        null,
        "alice",
        null,
        "abc123");
  }

  static AppProcess worker(String name, String... settings) throws Exception {
    Files.createDirectories(dir);
    return AppProcess.worker(server, journal(), dir.resolve(name + ".log"), settings);
  }

  /** Stops the apps a test class started, those that did start, in the order given. */
  static void closeAll(AppProcess... apps) throws InterruptedException {
    for (AppProcess app : apps) {
      if (app != null) {
        app.close();
      }
    }
  }

  static Path journal() {
    return dir.resolve("sandbox-journal.tsv");
  }

  static String start(ReleaseRequest request) {
    new ReleaseStarter(server.client()).start(request);
    return request.releaseId();
  }

  static ReleaseWorkflow release(String releaseId) {
    return server.client().newWorkflowStub(ReleaseWorkflow.class, releaseId);
  }

  static ReleaseResult result(String releaseId, Duration within) throws Exception {
    return server
        .client()
        .newUntypedWorkflowStub(releaseId)
        .getResult(within.toSeconds(), TimeUnit.SECONDS, ReleaseResult.class);
  }

  /** The train's result, once it has ended, within {@code within}. */
  static TrainResult trainResult(String trainId, Duration within) throws Exception {
    return server
        .client()
        .newUntypedWorkflowStub(trainId)
        .getResult(within.toSeconds(), TimeUnit.SECONDS, TrainResult.class);
  }

  /**
   * Starts {@code train} as every front door does and returns its result, within {@code within}.
   */
  static TrainResult runTrain(TrainRequest train, Duration within) throws Exception {
    new Trains(server.client()).start(train);
    return trainResult(train.trainId(), within);
  }

  static void awaitPhase(String releaseId, Phase phase, Duration within)
      throws InterruptedException {
    await(
        "phase " + phase + " of " + releaseId,
        within,
        () -> {
          try {
            return release(releaseId).status().phase() == phase;
          } catch (RuntimeException noWorkerYet) {
            return false;
          }
        });
  }

  static void awaitAction(String service, String action, Duration within)
      throws InterruptedException {
    await(
        "sandbox action '" + action + "' on " + service,
        within,
        () -> AppProcess.plannedSequence(journal(), service).contains(action));
  }

  /** What the server says of the workflow {@code workflowId}'s latest run. */
  static DescribeWorkflowExecutionResponse describe(String workflowId) {
    return describe(server.client(), workflowId);
  }

  /** What the server {@code client} talks to says of the workflow {@code workflowId}. */
  static DescribeWorkflowExecutionResponse describe(WorkflowClient client, String workflowId) {
    return client
        .getWorkflowServiceStubs()
        .blockingStub()
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(client.getOptions().getNamespace())
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                .build());
  }

  /** Waits until a worker has picked up the release's activity of type {@code activityType}. */
  static void awaitActivityStarted(String releaseId, String activityType, Duration within)
      throws InterruptedException {
    await(
        "activity " + activityType + " of " + releaseId + " to start",
        within,
        () ->
            describe(releaseId).getPendingActivitiesList().stream()
                .anyMatch(
                    a ->
                        a.getActivityType().getName().equals(activityType)
                            && a.getState()
                                == PendingActivityState.PENDING_ACTIVITY_STATE_STARTED));
  }

  static void await(String what, Duration within, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + within + " waiting for " + what);
      }
      Thread.sleep(100);
    }
  }
}
