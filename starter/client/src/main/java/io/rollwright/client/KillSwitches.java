package io.rollwright.client;

import io.rollwright.api.ControlAnswer;
import io.rollwright.api.KillSwitch;
import io.rollwright.api.KillSwitchFlip;
import io.rollwright.api.KillSwitchWorkflow;
import io.rollwright.api.ReleaseIds;
import io.rollwright.policy.InvalidReleaseException;
import io.rollwright.policy.Limits;
import io.rollwright.policy.Violations;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Flips and reads kill switches, for every front door: {@code global}, or one service and
 * environment. A switch's workflow is started before its first flip.
 */
public final class KillSwitches {
  private final WorkflowClient client;
  private final String taskQueue;
  private final Duration answerWithin;

  /** Switches whose workflows run on the workers of {@code taskQueue}, answering within a time. */
  public KillSwitches(WorkflowClient client, String taskQueue, Duration answerWithin) {
    this.client = client;
    this.taskQueue = taskQueue;
    this.answerWithin = answerWithin;
  }

  /** Switches on the workers of the {@code releases} task queue, answering within 30 seconds. */
  public KillSwitches(WorkflowClient client) {
    this(client, ReleaseIds.TASK_QUEUE, Duration.ofSeconds(30));
  }

  /** The scope of {@code service} in {@code environment}, or the global one when both are null. */
  public static String scope(String service, String environment) {
    if (service == null && environment == null) {
      return KillSwitchFlip.GLOBAL;
    }
    Violations v = new Violations();
    v.name("service", service);
    v.name("environment", environment);
    if (!v.list().isEmpty()) {
      throw new InvalidReleaseException(v.list());
    }
    return ReleaseIds.of(service, environment);
  }

  /**
   * Turns the switch of {@code scope} on or off as {@code actor}, saying why; the answer says
   * whether it did, or why not.
   */
  public ControlAnswer flip(String scope, boolean on, String actor, String reason) {
    Violations v = new Violations();
    v.requiredText("reason", reason, Limits.REASON);
    v.identity("actor", actor, true);
    if (!v.list().isEmpty()) {
      throw new InvalidReleaseException(v.list());
    }
    String id = KillSwitchFlip.workflowId(scope);
    KillSwitchWorkflow start =
        client.newWorkflowStub(
            KillSwitchWorkflow.class,
            WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(taskQueue).build());
    try {
      WorkflowClient.start(start::run, null);
    } catch (WorkflowExecutionAlreadyStarted e) {
      // flipped before: it holds the switch already
    }
    KillSwitchWorkflow stub = client.newWorkflowStub(KillSwitchWorkflow.class, id);
    KillSwitchFlip flip = new KillSwitchFlip(scope, on, actor, reason, 0);
    try {
      return CompletableFuture.supplyAsync(() -> stub.flip(flip), ReleaseControls.WAITERS)
          .get(answerWithin.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return new ControlAnswer(
          false,
          "no worker answered within "
              + answerWithin.toSeconds()
              + "s; the flip may still apply when one does: check `rollwright kill-switch status`");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while flipping the kill switch " + scope, e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException(e.getCause());
    }
  }

  /** The switch of {@code scope}; off when it was never flipped. */
  public KillSwitch state(String scope) {
    return KillSwitchWorkflow.read(client, scope);
  }
}
