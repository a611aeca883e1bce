package io.rollwright.worker.guard;

import io.rollwright.api.CompensationWorkflow;
import io.rollwright.api.ReleaseIds;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowOptions;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Notices releases that were terminated or timed out (nothing in them runs any more, not even their
 * rollback) and starts a {@link CompensationWorkflow} for each, which restores stable if the run
 * left traffic on its canary. Every worker sweeps; the compensation's workflow ID makes one win.
 */
public final class TerminationGuard implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(TerminationGuard.class);

  private final WorkflowClient client;
  private final GuardProperties settings;
  private ScheduledExecutorService sweeper;

  public TerminationGuard(WorkflowClient client, GuardProperties settings) {
    this.client = client;
    this.settings = settings;
  }

  /** The visibility query for release runs ended from outside within the lookback. */
  static String query(Instant since) {
    return "WorkflowType = '"
        + ReleaseIds.WORKFLOW_TYPE
        + "' AND (ExecutionStatus = 'Terminated' OR ExecutionStatus = 'TimedOut')"
        + " AND CloseTime > '"
        + since
        + "'";
  }

  /** One sweep: a compensation for every such run that has none yet. */
  void sweep() {
    try (Stream<WorkflowExecutionMetadata> ended =
        client.listExecutions(query(Instant.now().minus(settings.lookback())))) {
      ended.forEach(
          run -> compensate(run.getExecution().getWorkflowId(), run.getExecution().getRunId()));
    } catch (RuntimeException e) {
      log.warn(
          "termination guard: sweep failed, trying again in {}: {}",
          settings.every(),
          e.toString());
    }
  }

  private void compensate(String workflowId, String runId) {
    CompensationWorkflow compensation =
        client.newWorkflowStub(
            CompensationWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(CompensationWorkflow.idOf(runId))
                .setTaskQueue(ReleaseIds.TASK_QUEUE)
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .build());
    try {
      WorkflowClient.start(compensation::compensate, workflowId, runId);
      log.warn(
          "termination guard: {} (run {}) ended from outside; compensating", workflowId, runId);
    } catch (WorkflowExecutionAlreadyStarted alreadyHandled) {
      // this run is, or was, compensated
    } catch (RuntimeException e) {
      log.warn(
          "termination guard: cannot start the compensation of {} (run {}) yet: {}",
          workflowId,
          runId,
          e.toString());
    }
  }

  @Override
  public void start() {
    sweeper =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "termination-guard");
              t.setDaemon(true);
              return t;
            });
    long every = settings.every().toMillis();
    // sweep() logs its own failures, so one failed sweep never ends the schedule
    Future<?> unused =
        sweeper.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    if (sweeper != null) {
      sweeper.shutdownNow();
    }
  }

  @Override
  public boolean isRunning() {
    return sweeper != null && !sweeper.isShutdown();
  }
}
