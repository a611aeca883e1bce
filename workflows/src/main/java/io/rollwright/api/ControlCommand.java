package io.rollwright.api;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Payload of the {@code control} update: one of the controls the signals carry, sent by front doors
 * that need the release's answer (CLI, REST, Slack). {@code stage}, when set on an approval or a
 * rejection, makes it count only while that stage's gate is open, so a button left in an old
 * message cannot decide a later gate.
 */
public record ControlCommand(Action action, String actor, String reason, String stage) {
  /**
   * What the control asks for, described once for every door: the name the CLI command, the REST
   * route ({@code POST /releases/{id}/<name>}), the Slack action and the signal share, what it
   * does, and whether it needs a reason. {@code PROMOTE_FULL} is {@code promote} with {@code full}.
   */
  public enum Action {
    APPROVE("approve", false, "Approve the release's open gate."),
    REJECT("reject", true, "Reject the release's open gate: it rolls back."),
    PAUSE(
        "pause",
        false,
        "Hold the release before its next traffic change; analysis keeps running and can still"
            + " roll back."),
    RESUME("resume", false, "Let a paused release go on."),
    ABORT("abort", true, "Roll the release back now."),
    PROMOTE(
        "promote",
        false,
        "End the current soak (the stage's gate still applies); with --full skip every remaining"
            + " stage (needs --reason)."),
    PROMOTE_FULL("promote", true, "Skip every remaining stage, soak and gate, to 100%."),
    ALERT(
        "alert",
        true,
        "An alert fired for the release's service and environment: roll back, or pause when the"
            + " policy's analysis.onAlert says so. Sent only by the alert receiver.");

    private final String command;
    private final boolean needsReason;
    private final String summary;

    Action(String command, boolean needsReason, String summary) {
      this.command = command;
      this.needsReason = needsReason;
      this.summary = summary;
    }

    /** The name every door gives it ({@code promote} for both promotions). */
    public String command() {
      return command;
    }

    /** Whether a door must ask for a reason: it is recorded in the audit timeline. */
    public boolean needsReason() {
      return needsReason;
    }

    /** What it does, in one sentence. */
    public String summary() {
      return summary;
    }

    /**
     * The controls the CLI, REST and Slack offer people, one per name, in the order they list them
     * ({@link #ALERT} has a door of its own).
     */
    public static List<Action> offered() {
      return Arrays.stream(values()).filter(a -> a != PROMOTE_FULL && a != ALERT).toList();
    }

    /**
     * The control named {@code command} at a door ({@code full} makes {@code promote} a full
     * promotion), or null when no control has that name.
     */
    public static Action named(String command, boolean full) {
      if (PROMOTE.command.equals(command)) {
        return full ? PROMOTE_FULL : PROMOTE;
      }
      return offered().stream().filter(a -> a.command.equals(command)).findFirst().orElse(null);
    }

    /** The names of {@link #offered()}, as a refusal lists them. */
    public static String names() {
      return offered().stream().map(Action::command).collect(Collectors.joining(", "));
    }
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
