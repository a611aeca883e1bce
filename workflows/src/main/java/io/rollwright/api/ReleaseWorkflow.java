package io.rollwright.api;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * One release of one service to one environment. Workflow type {@code ReleaseWorkflow}, task queue
 * {@code releases}, workflow ID {@code <service>@<environment>}. A long release may continue as new
 * runs of the same ID; controls and queries go to the latest, its result is the last run's.
 */
@WorkflowInterface
public interface ReleaseWorkflow {
  /** The name of the {@link #control} update. */
  String CONTROL = "control";

  /**
   * Runs the release to its outcome. Fails (without side effects) only when the request or its
   * policy is invalid.
   */
  @WorkflowMethod(name = ReleaseIds.WORKFLOW_TYPE)
  ReleaseResult run(ReleaseRequest request);

  /**
   * An approval for the open gate. Refused, and recorded, from the requester, a stranger, or a
   * second time.
   */
  @SignalMethod(name = "approve")
  void approve(ApprovalDecision decision);

  /** Rejects the open gate: the release rolls back. Needs an allowed approver and a reason. */
  @SignalMethod(name = "reject")
  void reject(ApprovalDecision decision);

  /**
   * Holds the release before its next traffic change; analysis keeps running and can still roll
   * back.
   */
  @SignalMethod(name = "pause")
  void pause(ControlRequest request);

  /** Lets a paused release go on. */
  @SignalMethod(name = "resume")
  void resume(ControlRequest request);

  /** Rolls the release back at once. Needs a reason. */
  @SignalMethod(name = "abort")
  void abort(ControlRequest request);

  /**
   * Ends the current soak early, or with {@code full} skips every remaining stage (needs a reason).
   */
  @SignalMethod(name = "promote")
  void promote(PromoteRequest request);

  /**
   * A kill switch governing this release was flipped ({@link KillSwitchWorkflow}): on holds the
   * release where it is (the canary kept as it is, still analysed) until every switch governing it
   * is off again; people cannot resume it meanwhile.
   */
  @SignalMethod(name = "killSwitch")
  void killSwitch(KillSwitchFlip flip);

  /**
   * Any control, as an update: the caller gets the release's answer (accepted, or why it was
   * refused) instead of sending a signal blind. Refusals are recorded in the audit timeline like
   * the signals'.
   */
  @UpdateMethod(name = CONTROL)
  ControlAnswer control(ControlCommand command);

  /**
   * Refuses, before it is accepted, a control the release would refuse whatever happens first
   * (malformed, over {@link ControlLimits}, a self-approval, a decision by someone allowed at none
   * of its gates, a release closed to it for good, a sender without the role it needs): such a
   * refusal leaves nothing in the history and is not in the audit. Throws {@link
   * ControlLimits.Refusal}, or {@link ControlLimits.Forbidden} for a missing role: the caller's
   * update fails with a cause of type {@link ControlLimits#REFUSED} or {@link
   * ControlLimits#FORBIDDEN} whose message is the reason. Read-only.
   */
  @UpdateValidatorMethod(updateName = CONTROL)
  void validateControl(ControlCommand command);

  /** Where the release is, who approved what, the latest verdicts and the audit timeline. */
  @QueryMethod(name = "status")
  ReleaseStatus status();

  /**
   * The controls {@code caller} may send now without a certain refusal, by their command names
   * ({@code approve}, {@code reject}, {@code pause}, {@code resume}, {@code abort}): what a door
   * offers that person. The release still judges each control when it arrives.
   */
  @QueryMethod(name = "controls")
  List<String> controls(String caller);
}
