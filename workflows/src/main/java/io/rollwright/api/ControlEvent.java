package io.rollwright.api;

import io.rollwright.api.ReleaseEvent.Kind;
import java.util.Locale;

/** What people asked of a running release: each control it accepted, and each it refused. */
public sealed interface ControlEvent extends AuditEntry {

  /**
   * A control the release refused, and why; {@code count} is how many times this same refusal came
   * (the timeline keeps one entry for them all).
   */
  record Refused(long atMillis, String actor, String control, String reason, long count)
      implements ControlEvent {
    public Refused {
      reason = AuditEntry.text(reason);
    }

    public Refused(long atMillis, String actor, String control, String reason) {
      this(atMillis, actor, control, reason, 1);
    }

    /** This refusal, standing for {@code times} of it. */
    public Refused times(long times) {
      return new Refused(atMillis, actor, control, reason, times);
    }

    @Override
    public String action() {
      return "refused " + control;
    }

    @Override
    public String detail() {
      return count > 1 ? reason + String.format(Locale.ROOT, " (×%,d)", count) : reason;
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

  /** Someone approved or rejected at an open gate; {@code answer} is what the gate made of it. */
  record Decided(long atMillis, String actor, boolean approved, String answer)
      implements ControlEvent {
    @Override
    public String action() {
      return approved ? "approved" : "rejected";
    }

    @Override
    public String detail() {
      return answer;
    }
  }
}
