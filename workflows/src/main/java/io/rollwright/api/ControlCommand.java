package io.rollwright.api;

/**
 * Payload of the {@code control} update: one of the controls the signals carry, sent by front doors
 * that need the release's answer (CLI, REST, Slack). {@code stage}, when set on an approval or a
 * rejection, makes it count only while that stage's gate is open, so a button left in an old message
 * cannot decide a later gate.
 */
public record ControlCommand(Action action, String actor, String reason, String stage) {
  /** What the control asks for; each maps to the signal of the same name ({@code PROMOTE_FULL} is {@code promote} with {@code full}). */
  public enum Action { APPROVE, REJECT, PAUSE, RESUME, ABORT, PROMOTE, PROMOTE_FULL }

  public ControlCommand(Action action, String actor, String reason) {
    this(action, actor, reason, null);
  }
}
