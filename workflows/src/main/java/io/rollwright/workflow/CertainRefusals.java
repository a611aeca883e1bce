package io.rollwright.workflow;

import io.rollwright.api.ControlCommand;
import io.rollwright.api.ControlCommand.Action;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The refusals of a control that nothing arriving or happening before it is applied can undo. Pure.
 * {@link ReleaseState} applies them first to every control, and the {@code control} update's
 * validator refuses with them before the release accepts the update.
 */
final class CertainRefusals {
  private CertainRefusals() {}

  /**
   * Why {@code c} is refused for certain, or null. {@code closed}: why the release is closed to it
   * for good (ended, rolling back, being promoted), or null; {@code approvers}: who may decide at
   * least one of its gates, null until its policy is resolved.
   */
  static Denial of(ControlCommand c, String closed, Set<String> approvers, String requester) {
    if (c == null || c.action() == null) {
      return Denial.because(
          "the control names no action (one of "
              + Arrays.toString(Action.values()).toLowerCase(Locale.ROOT)
              + ")");
    }
    return switch (c.action()) {
      case APPROVE, REJECT ->
          closed != null ? Denial.because(closed) : decision(c, approvers, requester);
      default -> Denial.because(other(c, closed));
    };
  }

  /** The certain refusal of a control other than a decision, or null. */
  private static String other(ControlCommand c, String closed) {
    return switch (c.action()) {
      case ABORT ->
          !given(c.actor()) || !given(c.reason()) ? "an abort names who asks and why" : closed;
      case ALERT ->
          !given(c.actor()) || !given(c.reason()) ? "an alert names who sends it and why" : closed;
      case PAUSE, RESUME, PROMOTE, PROMOTE_FULL ->
          closed != null
              ? closed
              : !given(c.actor())
                  ? (c.action() == Action.PAUSE
                          ? "a pause"
                          : c.action() == Action.RESUME ? "a resume" : "a promotion")
                      + " names who asks"
                  : c.action() == Action.PROMOTE_FULL && !given(c.reason())
                      ? "a full promotion skips every remaining check and needs a reason"
                      : null;
      case APPROVE, REJECT -> null;
    };
  }

  /**
   * The certain refusals of an approval or rejection, whichever gate is open when it is applied (a
   * release without approval gates never opens one).
   */
  private static Denial decision(ControlCommand c, Set<String> approvers, String requester) {
    if (!given(c.actor())) {
      return Denial.because("the decision names no approver");
    }
    if (approvers != null && approvers.isEmpty()) {
      return Denial.because("no approval gate is open");
    }
    String self =
        c.action() == Action.APPROVE ? ApprovalTally.selfApproval(c.actor(), requester) : null;
    if (self == null && approvers != null && !approvers.contains(c.actor())) {
      return new Denial.NotAnApprover(null, List.copyOf(approvers));
    }
    return Denial.because(self);
  }

  /** The name of the signal that carries {@code c}, as its refusal is recorded. */
  static String signal(ControlCommand c) {
    if (c == null || c.action() == null) {
      return "control";
    }
    return c.action().command() + (c.action() == Action.PROMOTE_FULL ? " --full" : "");
  }

  private static boolean given(String text) {
    return text != null && !text.isBlank();
  }
}
