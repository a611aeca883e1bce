package io.rollwright.workflow;

import io.rollwright.analysis.CheckReading;
import io.rollwright.analysis.ReadingPoint;
import io.rollwright.api.AuditEntry;
import io.rollwright.api.KillSwitchFlip;
import io.rollwright.api.PreflightResult;
import io.rollwright.api.PromoteRequest;
import io.rollwright.api.ResolvedRelease;
import java.util.List;

/**
 * Where a release that continued as new had got to, and everything it knew, carried in the memo of
 * the run it continued as ({@link #MEMO}). A run trusts it only when {@code fromRunId} is the run
 * it continues: a memo set by whoever starts a workflow cannot name a run that does not exist yet.
 *
 * @param release the release as it was resolved when it started (never resolved again)
 * @param at the step it resumes at
 * @param state what the release knows of itself
 * @param watchedHolds held canaries are watched (false only for releases started before that)
 * @param rolesChecked its roles are checked (false only for releases started before roles)
 * @param thread the chat thread its notifications go to, or null
 */
public record ReleaseCheckpoint(
    String fromRunId,
    ResolvedRelease release,
    Resume at,
    State state,
    boolean watchedHolds,
    boolean rolesChecked,
    String thread) {
  /** The memo key of the checkpoint. */
  public static final String MEMO = "rollwright.checkpoint";

  /** The steps a release can continue as new at: each is a wait. */
  public enum Step {
    /** A break-glass start waits for its confirmation; nothing is deployed. */
    CONFIRMING,
    /** The canary is at {@code stage}'s weight and soaking. */
    SOAKING,
    /** The canary is at {@code stage}'s weight, its soak held while the release is paused. */
    SOAK_HELD,
    /** The canary is at {@code stage}'s weight, waiting at its gate. */
    AT_GATE,
    /**
     * {@code stage} has not begun (the promotion, after the last); the canary is at the one before.
     */
    BEFORE_STAGE
  }

  /**
   * One step of the release.
   *
   * @param stage the stage number (1-based)
   * @param soakLeftMillis how much of the stage's soak is left (soak steps)
   * @param approvedBy who has approved the open gate so far (gate steps)
   * @param deadlineMillis the open gate's deadline (gate steps)
   * @param canarySince when the canary first served traffic (0 before that)
   */
  public record Resume(
      Step step,
      int stage,
      long soakLeftMillis,
      List<String> approvedBy,
      long deadlineMillis,
      long canarySince) {}

  /** One line of the audit timeline; {@code count} is how many refusals it stands for. */
  public record AuditLine(AuditEntry entry, boolean decision, long count) {}

  /** What the release knows of itself ({@link ReleaseState}). */
  public record State(
      long startedAt,
      String policy,
      int stageNumber,
      int stageCount,
      String stage,
      double weight,
      String pausedBecause,
      List<CheckReading> verdicts,
      List<PreflightResult> preflight,
      PromoteRequest fullAsked,
      PromoteRequest fullPromote,
      boolean skipSoak,
      List<AuditLine> audit,
      long decisionsLeftOut,
      List<KillSwitchFlip> killSwitches,
      List<ReadingPoint> readings) {
    public State {
      killSwitches = killSwitches == null ? List.of() : List.copyOf(killSwitches);
      readings = readings == null ? List.of() : List.copyOf(readings);
    }
  }

  /**
   * Something was deployed before the release continued: a release ended from outside must be
   * compensated.
   */
  public boolean deployed() {
    return at.step() != Step.CONFIRMING;
  }
}
