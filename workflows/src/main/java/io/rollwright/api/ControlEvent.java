package io.rollwright.api;

import io.rollwright.api.ReleaseEvent.Kind;
import java.util.Collection;
import java.util.Locale;

/** What people asked of a running release: each control it accepted, and each it refused. */
public sealed interface ControlEvent extends AuditEntry {

  /**
   * A control the release refused, counted: {@code count} is how many times this same refusal came
   * (the timeline keeps one entry for them all).
   */
  sealed interface Refusal extends ControlEvent permits Refused, NotAnApprover {
    /** The control refused, as its signal is named ("approve", "promote --full"). */
    String control();

    /** How many times this same refusal came. */
    long count();

    /** Why it was refused, as the one who sent it was answered. */
    String reason();

    /** This refusal, standing for {@code times} of it. */
    Refusal times(long times);

    @Override
    default String action() {
      return "refused " + control();
    }

    @Override
    default String detail() {
      return count() > 1 ? reason() + String.format(Locale.ROOT, " (×%,d)", count()) : reason();
    }
  }

  /** A control the release refused, and why. */
  record Refused(long atMillis, String actor, String control, String reason, long count)
      implements Refusal {
    public Refused {
      reason = AuditEntry.text(reason);
    }

    public Refused(long atMillis, String actor, String control, String reason) {
      this(atMillis, actor, control, reason, 1);
    }

    @Override
    public Refused times(long times) {
      return new Refused(atMillis, actor, control, reason, times);
    }
  }

  /**
   * A decision refused because its actor may not decide: at the gate of {@code stage}, or at any
   * gate of the release when {@code stage} is null; {@code allowed} names who may.
   */
  record NotAnApprover(
      long atMillis, String actor, String control, String stage, String allowed, long count)
      implements Refusal {
    public NotAnApprover {
      allowed = AuditEntry.text(allowed);
    }

    public NotAnApprover(
        long atMillis, String actor, String control, String stage, Collection<String> allowed) {
      this(atMillis, actor, control, stage, String.join(", ", allowed), 1);
    }

    @Override
    public String reason() {
      return actor
          + " is not an allowed approver "
          + (stage == null ? "at any gate of this release" : "for stage " + stage)
          + " (allowed: "
          + allowed
          + ")";
    }

    @Override
    public NotAnApprover times(long times) {
      return new NotAnApprover(atMillis, actor, control, stage, allowed, times);
    }
  }

  /** The release is paused (by a person, or by Rollwright on a finding that needs a human). */
  record Paused(long atMillis, String actor, String reason) implements ControlEvent {
    public Paused {
      reason = AuditEntry.text(reason);
    }

    @Override
    public String action() {
      return "paused";
    }

    @Override
    public String detail() {
      return reason;
    }

    @Override
    public Kind kind() {
      return Kind.PAUSED;
    }
  }

  /** The release goes on after a pause. */
  record Resumed(long atMillis, String actor, String reason) implements ControlEvent {
    @Override
    public String action() {
      return "resumed";
    }

    @Override
    public String detail() {
      return reason;
    }

    @Override
    public Kind kind() {
      return Kind.RESUMED;
    }
  }

  /** Someone aborted the release: it rolls back. */
  record Aborted(long atMillis, String actor, String reason) implements ControlEvent {
    @Override
    public String action() {
      return "aborted";
    }

    @Override
    public String detail() {
      return reason;
    }
  }

  /** Someone promoted the canary: past one soak, or in full. */
  record Promoted(long atMillis, String actor, Promotion how, String stage, String reason)
      implements ControlEvent {
    @Override
    public String action() {
      return switch (how) {
        case FULL_ASKED -> "asked to promote in full";
        case FULL -> "promoted in full (skipping remaining stages)";
        case SOAK_ENDED -> "promoted (ending the soak of stage " + stage + ")";
        case RESUMED_AND_SOAK_ENDED ->
            "promoted (resuming and ending the soak of stage " + stage + ")";
      };
    }

    @Override
    public String detail() {
      return how == Promotion.FULL_ASKED
          ? reason
              + " (takes effect when a second holder of the breakGlass role confirms with promote"
              + " --full)"
          : reason;
    }
  }

  /** How a promotion goes. */
  enum Promotion {
    /** Asked to promote in full; a second holder of the breakGlass role must confirm. */
    FULL_ASKED,
    /** In full: every remaining stage is skipped. */
    FULL,
    /** The soak of the current stage ends now. */
    SOAK_ENDED,
    /** The release resumes and the soak of the current stage ends now. */
    RESUMED_AND_SOAK_ENDED
  }

  /**
   * Someone approved or rejected at an open gate, giving {@code reason} (null when none was given);
   * {@code answer} is what the gate made of it.
   */
  record Decided(long atMillis, String actor, boolean approved, String answer, String reason)
      implements ControlEvent {
    public Decided {
      reason = reason == null || reason.isBlank() ? null : AuditEntry.text(reason);
    }

    public Decided(long atMillis, String actor, boolean approved, String answer) {
      this(atMillis, actor, approved, answer, null);
    }

    @Override
    public String action() {
      return approved ? "approved" : "rejected";
    }

    @Override
    public String detail() {
      return reason == null ? answer : answer + "; reason: " + reason;
    }
  }
}
