package io.rollwright.api;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A kill switch: workflow type {@code KillSwitchWorkflow}, task queue {@code releases}, workflow ID
 * {@code kill-switch:<scope>} ({@link KillSwitchFlip#workflowId}). It runs for as long as the
 * namespace keeps it, so the switch survives worker and server restarts with no store of its own;
 * started before its first flip, it continues as new after many flips.
 */
@WorkflowInterface
public interface KillSwitchWorkflow {
  String TYPE = "KillSwitchWorkflow";

  /** Holds the switch; {@code carried} is what a run before this one held (null: off). */
  @WorkflowMethod(name = TYPE)
  void run(KillSwitch carried);

  /**
   * Flips the switch and answers whether it did: who may is the switch's to check (the operators of
   * the service whose releases it governs); a refused flip changes nothing. Every running release
   * in the scope is told before the answer.
   */
  @UpdateMethod(name = "flip")
  ControlAnswer flip(KillSwitchFlip flip);

  /** The switch as it stands, with its last flips. */
  @QueryMethod(name = "state")
  KillSwitch state();

  /** The switch of {@code scope} as its workflow holds it; off when it was never flipped. */
  static KillSwitch read(WorkflowClient client, String scope) {
    try {
      return client
          .newWorkflowStub(KillSwitchWorkflow.class, KillSwitchFlip.workflowId(scope))
          .state();
    } catch (WorkflowNotFoundException e) {
      return KillSwitch.off(scope);
    }
  }
}
