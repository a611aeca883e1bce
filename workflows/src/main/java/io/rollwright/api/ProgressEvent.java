package io.rollwright.api;

import io.rollwright.api.ReleaseEvent.Kind;
import io.rollwright.policy.DurationText;
import io.rollwright.policy.Stage;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/** What a release does on its way: started, blocked, each stage, break-glass, rollback, its end. */
public sealed interface ProgressEvent extends AuditEntry {

  /** The release has started: what goes where, how, and by which policy (from where). */
  record Started(
      long atMillis,
      String actor,
      String service,
      String version,
      String environment,
      String strategy,
      String policy,
      String policySource)
      implements ProgressEvent {
    @Override
    public String action() {
      return "started";
    }

    @Override
    public String detail() {
      return service
          + " "
          + version
          + " → "
          + environment
          + ", "
          + strategy
          + " (policy "
          + policy
          + ", from "
          + policySource
          + ")";
    }

    @Override
    public Kind kind() {
      return Kind.STARTED;
    }
  }

  /** Pre-flight found the release must not go: nothing was deployed. */
  record Blocked(long atMillis, String actor, String reason) implements ProgressEvent {
    public Blocked {
      reason = AuditEntry.text(reason);
    }

    @Override
    public String action() {
      return "blocked";
    }

    @Override
    public String detail() {
      return reason;
    }

    @Override
    public Kind kind() {
      return Kind.BLOCKED;
    }
  }

  /**
   * A stage's checks answered: {@code where} they ran ({@code before stage canary-50}) and each
   * check's finding, e.g. a Job's result with the tail of its log.
   */
  record Checked(long atMillis, String actor, String where, String results)
      implements ProgressEvent {
    public Checked {
      results = AuditEntry.text(results);
    }

    @Override
    public String action() {
      return "checked";
    }

    @Override
    public String detail() {
      return where + ": " + results;
    }
  }

  /** A stage's weight is on the canary and its soak begins. */
  record StageStarted(long atMillis, String actor, String stage, double weight, long soakMillis)
      implements ProgressEvent {
    @Override
    public String action() {
      return "stage " + stage + " started";
    }

    @Override
    public String detail() {
      return "canary at "
          + Stage.weightText(weight)
          + ", soaking "
          + DurationText.format(Duration.ofMillis(soakMillis));
    }

    @Override
    public Kind kind() {
      return Kind.STAGE_STARTED;
    }
  }

  /** A stage has soaked and passed its gate. */
  record StagePassed(long atMillis, String actor, String stage) implements ProgressEvent {
    @Override
    public String action() {
      return "stage " + stage + " passed";
    }

    @Override
    public String detail() {
      return null;
    }

    @Override
    public Kind kind() {
      return Kind.STAGE_PASSED;
    }
  }

  /** The requester asked for a direct release ({@code breakGlass} says which), maybe solo. */
  record BreakGlassAsked(long atMillis, String actor, String breakGlass, boolean solo)
      implements ProgressEvent {
    @Override
    public String action() {
      return "asked to break glass";
    }

    @Override
    public String detail() {
      return breakGlass + (solo ? " (solo break-glass allowed)" : "");
    }
  }

  /** A direct release goes ahead: {@code version} replaces stable, skipping stages and analysis. */
  record BreakGlass(long atMillis, String actor, String version, String reason)
      implements ProgressEvent {
    @Override
    public String action() {
      return "break-glass";
    }

    @Override
    public String detail() {
      return "direct release of " + version + ", skipping stages and analysis: " + reason;
    }

    @Override
    public Kind kind() {
      return Kind.ALERT;
    }
  }

  /**
   * A rollback goes ahead: {@code to} replaces {@code from} (null when release history knows no
   * current version) straight at 100%, then is watched.
   */
  record Undoing(long atMillis, String actor, String from, String to, String reason)
      implements ProgressEvent {
    @Override
    public String action() {
      return "rollback";
    }

    @Override
    public String detail() {
      return "rollback"
          + (from == null ? "" : " from " + from)
          + " to "
          + to
          + ", straight to 100% and watched: "
          + reason;
    }

    @Override
    public Kind kind() {
      return Kind.ALERT;
    }
  }

  /** Something a human must look at now. */
  record Alert(long atMillis, String actor, String text) implements ProgressEvent {
    public Alert {
      text = AuditEntry.text(text);
    }

    @Override
    public String action() {
      return "alert";
    }

    @Override
    public String detail() {
      return text;
    }

    @Override
    public Kind kind() {
      return Kind.ALERT;
    }
  }

  /**
   * The release has been stuck for {@code forMillis}: paused, or rolling back without finishing,
   * longer than its policy's {@code pageAfter} allows. It pages on-call.
   */
  record Stuck(long atMillis, String actor, Stuckness how, long forMillis, String why)
      implements ProgressEvent {
    public Stuck {
      why = AuditEntry.text(why);
    }

    @Override
    public String action() {
      return "stuck " + how.words;
    }

    @Override
    public String detail() {
      return "for "
          + DurationText.format(Duration.ofMillis(forMillis).truncatedTo(ChronoUnit.SECONDS))
          + (why == null || why.isBlank() ? "" : " (" + why + ")")
          + "; on-call is paged";
    }

    @Override
    public Kind kind() {
      return Kind.STUCK;
    }
  }

  /** How a release is stuck. */
  enum Stuckness {
    PAUSED("paused"),
    ROLLING_BACK("rolling back");

    private final String words;

    Stuckness(String words) {
      this.words = words;
    }
  }

  /**
   * Stage {@code stage} waits for a {@code confirm} check's yes before its traffic change; {@code
   * why} is the last answer. Told once per wait, however often it is asked again.
   */
  record AwaitingConfirmation(long atMillis, String actor, String stage, String why)
      implements ProgressEvent {
    public AwaitingConfirmation {
      why = AuditEntry.text(why);
    }

    @Override
    public String action() {
      return "awaiting confirmation";
    }

    @Override
    public String detail() {
      return "before stage " + stage + ": " + why + "; asked again until it says yes";
    }

    @Override
    public Kind kind() {
      return Kind.AWAITING_CONFIRMATION;
    }
  }

  /** The release is rolling back, for {@code reason}. */
  record RollingBack(long atMillis, String actor, RollbackReason reason, String why)
      implements ProgressEvent {
    public RollingBack {
      why = AuditEntry.text(why);
    }

    @Override
    public String action() {
      return "rolling back";
    }

    @Override
    public String detail() {
      return AuditEntry.lower(reason) + ": " + why;
    }

    @Override
    public Kind kind() {
      return Kind.ROLLING_BACK;
    }
  }

  /** The release has ended with {@code outcome}. */
  record Finished(long atMillis, String actor, ReleaseOutcome outcome, String why)
      implements ProgressEvent {
    public Finished {
      why = AuditEntry.text(why);
    }

    @Override
    public String action() {
      return AuditEntry.lower(outcome);
    }

    @Override
    public String detail() {
      return why;
    }

    @Override
    public Kind kind() {
      return Kind.FINISHED;
    }
  }
}
