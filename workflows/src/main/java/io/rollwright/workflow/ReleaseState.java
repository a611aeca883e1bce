package io.rollwright.workflow;

import io.rollwright.analysis.CheckReading;
import io.rollwright.api.ApprovalDecision;
import io.rollwright.api.AuditEntry;
import io.rollwright.api.ControlAnswer;
import io.rollwright.api.ControlCommand;
import io.rollwright.api.ControlRequest;
import io.rollwright.api.Phase;
import io.rollwright.api.PreflightResult;
import io.rollwright.api.PromoteRequest;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.ReleaseStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Everything a release knows about itself, and the rules for the controls people send it (pause,
 * resume, abort, promote, approvals). Pure: the clock is passed in; the workflow passes its own.
 * Every control, accepted or refused, lands in the audit timeline.
 */
public final class ReleaseState {
  /** The actor recorded for Rollwright's own decisions. */
  public static final String SYSTEM = "rollwright";
  static final int AUDIT_LIMIT = 1000;

  private final ReleaseRequest request;
  private final LongSupplier clock;
  private final long startedAt;
  private final List<AuditEntry> audit = new ArrayList<>();
  private String policy;
  private Phase phase = Phase.RESOLVING;
  private int stageNumber;
  private int stageCount;
  private String stage;
  private double weight;
  private String pausedBecause;
  private ApprovalTally gate;
  private List<CheckReading> verdicts = List.of();
  private List<PreflightResult> preflight = List.of();
  private ReleaseResult result;
  private ControlRequest abort;
  private PromoteRequest fullPromote;
  private boolean skipSoak;

  public ReleaseState(ReleaseRequest request, LongSupplier clock) {
    this.request = request;
    this.clock = clock;
    this.startedAt = clock.getAsLong();
  }

  public void record(String actor, String action, String detail) {
    if (audit.size() == AUDIT_LIMIT) {
      audit.add(new AuditEntry(clock.getAsLong(), SYSTEM, "audit-truncated", "further entries are not kept"));
    }
    if (audit.size() <= AUDIT_LIMIT) {
      audit.add(new AuditEntry(clock.getAsLong(), actor, action, detail));
    }
  }

  private ControlAnswer refuse(String signal, String actor, String why) {
    record(actor == null || actor.isBlank() ? "(anonymous)" : actor, "refused " + signal, why);
    return new ControlAnswer(false, why);
  }

  private ControlAnswer accept(String actor, String action, String detail) {
    record(actor, action, detail);
    return new ControlAnswer(true, action + " by " + actor + (detail == null || detail.isBlank() ? "" : ": " + detail));
  }

  // --- progress, set by the workflow ---

  public void resolved(String policyName, int stages) {
    policy = policyName;
    stageCount = stages;
  }

  public void phase(Phase next) {
    phase = next;
  }

  public void preflight(List<PreflightResult> results) {
    preflight = List.copyOf(results);
  }

  public void enterStage(int number, String name) {
    stageNumber = number;
    stage = name;
    skipSoak = false;
    phase = Phase.SOAKING;
  }

  public void weight(double applied) {
    weight = applied;
  }

  public void verdicts(List<CheckReading> readings) {
    verdicts = List.copyOf(readings);
  }

  public void openGate(ApprovalTally tally) {
    gate = tally;
    phase = Phase.AWAITING_APPROVAL;
  }

  public void closeGate() {
    gate = null;
  }

  public void finish(ReleaseResult r) {
    result = r;
    phase = Phase.DONE;
    gate = null;
  }

  /** Pauses on Rollwright's own account (analysis inconclusive, or a check whose breach pauses). */
  public void pauseBySystem(String why) {
    pausedBecause = why;
    record(SYSTEM, "paused", why);
  }

  // --- controls, sent by people ---

  public ControlAnswer pause(ControlRequest c) {
    if (!actorGiven(c == null ? null : c.actor()) || result != null) {
      return refuse("pause", c == null ? null : c.actor(), result != null ? "the release has ended" : "a pause names who asks");
    }
    pausedBecause = "paused by " + c.actor() + (c.reason() == null || c.reason().isBlank() ? "" : ": " + c.reason());
    return accept(c.actor(), "paused", c.reason());
  }

  public ControlAnswer resume(ControlRequest c) {
    if (!actorGiven(c == null ? null : c.actor())) {
      return refuse("resume", null, "a resume names who asks");
    }
    if (pausedBecause == null) {
      return refuse("resume", c.actor(), "the release is not paused");
    }
    pausedBecause = null;
    return accept(c.actor(), "resumed", c.reason());
  }

  public ControlAnswer abort(ControlRequest c) {
    String actor = c == null ? null : c.actor();
    if (!actorGiven(actor) || c.reason() == null || c.reason().isBlank()) {
      return refuse("abort", actor, "an abort names who asks and why");
    }
    if (result != null || abort != null) {
      return refuse("abort", actor, result != null ? "the release has ended" : "an abort is already under way");
    }
    abort = c;
    return accept(actor, "aborted", c.reason());
  }

  public ControlAnswer promote(PromoteRequest p) {
    String actor = p == null ? null : p.actor();
    if (!actorGiven(actor) || result != null) {
      return refuse("promote", actor, result != null ? "the release has ended" : "a promotion names who asks");
    }
    if (p.full()) {
      if (p.reason() == null || p.reason().isBlank()) {
        return refuse("promote --full", actor, "a full promotion skips every remaining check and needs a reason");
      }
      fullPromote = p;
      return accept(actor, "promoted in full (skipping remaining stages)", p.reason());
    }
    skipSoak = true;
    pausedBecause = null;
    return accept(actor, "promoted (ending the soak of stage " + stage + ")", p.reason());
  }

  public ControlAnswer approve(ApprovalDecision d) {
    return decide("approve", d, gate == null ? null : gate.approve(d));
  }

  public ControlAnswer reject(ApprovalDecision d) {
    return decide("reject", d, gate == null ? null : gate.reject(d));
  }

  private ControlAnswer decide(String signal, ApprovalDecision d, ApprovalTally.Answer answer) {
    String actor = d == null ? null : d.approver();
    if (answer == null) {
      return refuse(signal, actor, result != null ? "the release has ended" : "no approval gate is open");
    }
    if (!answer.accepted()) {
      return refuse(signal, actor, answer.message());
    }
    record(actor, signal.equals("approve") ? "approved" : "rejected", answer.message());
    return new ControlAnswer(true, answer.message());
  }

  /** Applies one control, as the {@code control} update receives it. */
  public ControlAnswer apply(ControlCommand c) {
    if (c == null || c.action() == null) {
      return refuse("control", c == null ? null : c.actor(), "the control names no action (one of "
          + java.util.Arrays.toString(ControlCommand.Action.values()).toLowerCase(java.util.Locale.ROOT) + ")");
    }
    boolean decision = c.action() == ControlCommand.Action.APPROVE || c.action() == ControlCommand.Action.REJECT;
    if (decision && c.stage() != null && (gate == null || !gate.stage().equals(c.stage()))) {
      return refuse(c.action().name().toLowerCase(java.util.Locale.ROOT), c.actor(),
          result != null ? "the release has ended" : "the gate of stage " + c.stage() + " is closed");
    }
    return switch (c.action()) {
      case APPROVE -> approve(new ApprovalDecision(c.actor(), c.reason()));
      case REJECT -> reject(new ApprovalDecision(c.actor(), c.reason()));
      case PAUSE -> pause(new ControlRequest(c.actor(), c.reason()));
      case RESUME -> resume(new ControlRequest(c.actor(), c.reason()));
      case ABORT -> abort(new ControlRequest(c.actor(), c.reason()));
      case PROMOTE -> promote(new PromoteRequest(c.actor(), c.reason(), false));
      case PROMOTE_FULL -> promote(new PromoteRequest(c.actor(), c.reason(), true));
    };
  }

  private static boolean actorGiven(String actor) {
    return actor != null && !actor.isBlank();
  }

  // --- what the workflow waits on ---

  public boolean paused() {
    return pausedBecause != null;
  }

  public ControlRequest abortRequest() {
    return abort;
  }

  public PromoteRequest fullPromotion() {
    return fullPromote;
  }

  /** Something wants the current wait to end: an abort, a full promotion, or (for a soak) a plain promotion. */
  public boolean interrupted() {
    return abort != null || fullPromote != null;
  }

  public boolean soakSkipped() {
    return skipSoak || interrupted();
  }

  public ApprovalTally gate() {
    return gate;
  }

  public String requester() {
    return request.requestedBy();
  }

  public long startedAt() {
    return startedAt;
  }

  public ReleaseStatus snapshot() {
    return new ReleaseStatus(request.releaseId(), request.service(), request.version(), request.environment(),
        request.strategy(), request.requestedBy(), policy, paused() && phase != Phase.DONE ? Phase.PAUSED : phase,
        stageNumber, stageCount, stage, weight, pausedBecause, gate == null ? null : gate.status(), verdicts,
        preflight, result, List.copyOf(audit), startedAt);
  }
}
