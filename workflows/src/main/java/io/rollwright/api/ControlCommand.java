package io.rollwright.api;

/**
 * Payload of the {@code control} update: one of the controls the signals carry, sent by front doors
 * that need the release's answer (CLI, REST, Slack). {@code stage}, when set on an approval or a
 * rejection, makes it count only while that stage's gate is open, so a button left in an old
 * message cannot decide a later gate.
 */
public record ControlCommand(Action action, String actor, String reason, String stage) {
  /**
   * What the control asks for; each maps to the signal of the same name ({@code PROMOTE_FULL} is
   * {@code promote} with {@code full}).
   */
  public enum Action {
    APPROVE,
    REJECT,
    PAUSE,
    RESUME,
    ABORT,
    PROMOTE,
    PROMOTE_FULL
  }

  public ControlCommand(Action action, String actor, String reason) {
    this(action, actor, reason, null);
  }

  /** The control a {@code pause}, {@code resume} or {@code abort} signal carries. */
  public static ControlCommand of(Action action, ControlRequest r) {
    return new ControlCommand(action, r == null ? null : r.actor(), r == null ? null : r.reason());
  }

  /** The control an {@code approve} or {@code reject} signal carries. */
  public static ControlCommand of(Action action, ApprovalDecision d) {
    return new ControlCommand(
        action, d == null ? null : d.approver(), d == null ? null : d.reason());
  }

  /** The control a {@code promote} signal carries. */
  public static ControlCommand of(PromoteRequest p) {
    return new ControlCommand(
        p != null && p.full() ? Action.PROMOTE_FULL : Action.PROMOTE,
        p == null ? null : p.actor(),
        p == null ? null : p.reason());
  }
}
