package io.rollwright.api;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * A train of releases of several services to one environment ({@link TrainRequest}). Workflow type
 * {@code TrainWorkflow}, task queue {@code releases}, workflow ID {@code
 * train:<name>@<environment>}. Controls on the train go to every release it has running; each
 * release also takes its own controls under its own ID.
 */
@WorkflowInterface
public interface TrainWorkflow {
  /** The controls a train takes; the others go to its releases under their own IDs. */
  List<ControlCommand.Action> CONTROLS =
      List.of(
          ControlCommand.Action.PAUSE,
          ControlCommand.Action.RESUME,
          ControlCommand.Action.ABORT,
          ControlCommand.Action.APPROVE,
          ControlCommand.Action.REJECT);

  /**
   * Runs the train to its outcome. Fails (without side effects) only when the request is invalid.
   */
  @WorkflowMethod(name = TrainRequest.WORKFLOW_TYPE)
  TrainResult run(TrainRequest request);

  /**
   * Stops the train: it starts no more releases, aborts those running, and rolls back those it
   * promoted, newest first. Needs who asks and why.
   */
  @SignalMethod(name = "abort")
  void abort(ControlRequest request);

  /** Pauses every release the train has running, and holds the train before its next start. */
  @SignalMethod(name = "pause")
  void pause(ControlRequest request);

  /** Resumes the train and the releases it paused. */
  @SignalMethod(name = "resume")
  void resume(ControlRequest request);

  /** Approves the train's open gate (the only one open; a release's bake and approval gate). */
  @SignalMethod(name = "approve")
  void approve(ApprovalDecision decision);

  /** Rejects the train's only open gate, with a reason: the train stops, as if a release failed. */
  @SignalMethod(name = "reject")
  void reject(ApprovalDecision decision);

  /**
   * A {@code pause}, {@code resume}, {@code abort}, {@code approve} or {@code reject} (its {@code
   * stage} naming the gated release, {@code <service>} or {@code <service>@<environment>}, when
   * several gates are open), as an update: the caller gets the train's answer (accepted, or why it
   * was refused; {@code forbidden} when the sender lacks a role).
   */
  @UpdateMethod(name = ReleaseWorkflow.CONTROL)
  ControlAnswer control(ControlCommand command);

  /**
   * Refuses, before it is accepted, a control the train would refuse: malformed, not one a train
   * takes, an abort without a reason, a train that has ended or is stopping, a sender without the
   * role (once the train knows its roles), a decision with no gate open or from someone who may not
   * decide it. Throws {@link ControlLimits.Refusal} or {@link ControlLimits.Forbidden}, as a
   * release's validator does; leaves nothing in the history.
   */
  @UpdateValidatorMethod(updateName = ReleaseWorkflow.CONTROL)
  void validateControl(ControlCommand command);

  /** Where each release of the train is, and the train's outcome once it has ended. */
  @QueryMethod(name = "status")
  TrainStatus status();
}
