package io.rollwright.workflow;

import io.rollwright.analysis.CheckReading;
import io.rollwright.analysis.ReadingPoint;
import io.rollwright.analysis.ReadingSeries;
import io.rollwright.api.ApprovalDecision;
import io.rollwright.api.AuditEntry;
import io.rollwright.api.ControlAnswer;
import io.rollwright.api.ControlCommand;
import io.rollwright.api.ControlEvent;
import io.rollwright.api.ControlRequest;
import io.rollwright.api.KillSwitchFlip;
import io.rollwright.api.Phase;
import io.rollwright.api.PreflightResult;
import io.rollwright.api.PromoteRequest;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.ReleaseStatus;
import io.rollwright.api.RollbackReason;
import io.rollwright.api.SoakResult;
import io.rollwright.policy.BreachAction;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Everything a release knows about itself. Pure: the clock is passed in; the workflow passes its
 * own. The controls people send it are judged by {@link ControlRules}, which alone changes the
 * fields left package-private; every control, accepted or refused, lands in the audit timeline.
 */
public final class ReleaseState {
  /** The actor recorded for Rollwright's own decisions. */
  public static final String SYSTEM = AuditEntry.SYSTEM;

  /** A rollback that has begun: why, in the words of the outcome. */
  public record Stop(RollbackReason reason, String detail) {}

  ReleaseRequest request;
  private final LongSupplier clock;
  private final long startedAt;
  private final Audit audit;
  private String policy;
  Set<String> approvers;
  Phase phase = Phase.RESOLVING;
  private int stageNumber;
  private int stageCount;
  private boolean bakes;
  String stage;
  private double weight;
  String pausedBecause;
  private String heldBecause;
  private final Map<String, KillSwitchFlip> killedBy = new LinkedHashMap<>();
  ApprovalTally gate;
  private List<CheckReading> verdicts = List.of();
  private List<ReadingPoint> readings = List.of();
  private List<PreflightResult> preflight = List.of();
  ReleaseResult result;
  Stop stop;
  ControlRequest abort;
  PromoteRequest fullPromote;
  PromoteRequest fullAsked;
  Permissions permissions;
  BreachAction onAlert = BreachAction.ROLLBACK;
  BreachAction onKillSwitch = BreachAction.PAUSE;
  boolean soaking;
  boolean skipSoak;

  private final ControlRules rules = new ControlRules(this);

  public ReleaseState(ReleaseRequest request, LongSupplier clock) {
    this.request = request;
    this.clock = clock;
    this.startedAt = clock.getAsLong();
    this.audit = new Audit();
  }

  /**
   * The state a run before this one carried when the release continued as new ({@link #carry()}).
   */
  public ReleaseState(ReleaseRequest request, LongSupplier clock, ReleaseCheckpoint.State carried) {
    this.request = request;
    this.clock = clock;
    this.startedAt = carried.startedAt();
    this.audit = new Audit(carried.audit(), carried.decisionsLeftOut());
    policy = carried.policy();
    stageNumber = carried.stageNumber();
    stageCount = carried.stageCount();
    stage = carried.stage();
    weight = carried.weight();
    pausedBecause = carried.pausedBecause();
    verdicts = carried.verdicts();
    readings = carried.readings();
    preflight = carried.preflight();
    fullAsked = carried.fullAsked();
    fullPromote = carried.fullPromote();
    skipSoak = carried.skipSoak();
    carried.killSwitches().forEach(f -> killedBy.put(f.scope(), f));
    phase = Phase.SOAKING;
  }

  /**
   * What this run knows, to carry into the run the release continues as (at a wait: nothing has
   * ended).
   */
  public ReleaseCheckpoint.State carry() {
    return new ReleaseCheckpoint.State(
        startedAt,
        policy,
        stageNumber,
        stageCount,
        stage,
        weight,
        pausedBecause,
        verdicts,
        preflight,
        fullAsked,
        fullPromote,
        skipSoak,
        audit.carry(),
        audit.decisionsLeftOut(),
        List.copyOf(killedBy.values()),
        readings);
  }

  /** The time events are recorded at now. */
  public long now() {
    return clock.getAsLong();
  }

  /** Records a decision in the audit timeline: it is kept for the life of the release. */
  public void record(AuditEntry decision) {
    audit.decision(decision);
  }

  ControlAnswer refuse(String signal, String actor, String why) {
    return refuse(signal, actor, Denial.because(why));
  }

  ControlAnswer refuse(String signal, String actor, Denial why) {
    String who = actor == null || actor.isBlank() ? "(anonymous)" : actor;
    ControlEvent.Refusal refusal = why.recorded(now(), who, signal);
    audit.refusal(refusal);
    return new ControlAnswer(false, refusal.reason());
  }

  ControlAnswer accept(AuditEntry control) {
    record(control);
    String detail = control.detail();
    return new ControlAnswer(
        true,
        control.action()
            + " by "
            + control.actor()
            + (detail == null || detail.isBlank() ? "" : ": " + detail));
  }

  // --- progress, set by the workflow ---

  /**
   * The policy is resolved: its name, the stages the release runs, and whether the last of them is
   * a bake.
   */
  public void resolved(String policyName, int stages, boolean bakes) {
    policy = policyName;
    stageCount = stages;
    this.bakes = bakes;
  }

  /** What the release releases, once a rollback has chosen its version and image. */
  void releasing(ReleaseRequest chosen) {
    request = chosen;
  }

  /** The release is at its bake: the new version carries all traffic before it is promoted. */
  public boolean baking() {
    return bakes && stageNumber == stageCount;
  }

  /** What an alert does to the release, once its policy is resolved (until then: roll back). */
  void onAlert(BreachAction action) {
    onAlert = action;
  }

  /** What a kill switch turned on does to this release. */
  void onKillSwitch(BreachAction action) {
    onKillSwitch = action;
  }

  /**
   * Everyone who may decide at least one of the release's gates (known once its policy is
   * resolved).
   */
  public void approvers(Set<String> names) {
    approvers = Collections.unmodifiableSet(new LinkedHashSet<>(names));
  }

  /**
   * The release's roles, once resolved; until then (and in releases started before roles) none are
   * checked.
   */
  void permissions(Permissions who) {
    permissions = who;
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

  /** The verdicts of the analysis run that ended, and its readings over time. */
  public void analysed(SoakResult result) {
    verdicts = List.copyOf(result.readings());
    readings = ReadingSeries.join(readings, result.series());
  }

  /**
   * A soak of the current stage is running (or has ended): a plain promotion can end it only while
   * it runs.
   */
  public void soaking(boolean running) {
    soaking = running;
  }

  public void openGate(ApprovalTally tally) {
    gate = tally;
    phase = Phase.AWAITING_APPROVAL;
  }

  public void closeGate() {
    gate = null;
    if (phase == Phase.AWAITING_APPROVAL) {
      phase = Phase.SOAKING;
    }
  }

  /**
   * The rollback begins for {@code reason}, unless one has already begun: returns the one in force.
   * From here every control is refused and the release ends ROLLED_BACK or FAILED.
   */
  public Stop beginRollback(RollbackReason reason, String detail) {
    if (stop == null && result == null) {
      stop = new Stop(reason, detail);
      pausedBecause = null;
      gate = null;
    }
    return stop;
  }

  public void finish(ReleaseResult r) {
    result = r;
    phase = Phase.DONE;
    gate = null;
    pausedBecause = null;
  }

  /**
   * The deploy calendar holds the next change, {@code why} (with when it goes on); null when it no
   * longer does.
   */
  public void held(String why) {
    heldBecause = why;
  }

  public boolean isHeld() {
    return heldBecause != null;
  }

  /**
   * A kill switch governing this release was flipped. On pauses it, and while any is on people
   * cannot resume it; or rolls it back, when its policy's {@code onKillSwitch} says so. The last
   * one off resumes it, unless something else paused it first or meanwhile. Ignored once the
   * release is rolling back or ended.
   */
  public void killSwitch(KillSwitchFlip flip) {
    if (flip == null
        || flip.scope() == null
        || !flip.governs(request.releaseId())
        || stop != null
        || result != null) {
      return;
    }
    if (flip.on() && onKillSwitch == BreachAction.ROLLBACK) {
      abort = new ControlRequest(flip.actor(), flip.sentence());
      beginRollback(RollbackReason.ABORTED, "rolled back by the " + flip.sentence());
      record(new ControlEvent.Aborted(now(), flip.actor(), flip.sentence()));
    } else if (flip.on()) {
      if (killedBy.put(flip.scope(), flip) == null) {
        pausedBecause = pausedBecause == null ? flip.sentence() : pausedBecause;
        record(new ControlEvent.Paused(now(), flip.actor(), flip.sentence()));
      }
    } else {
      KillSwitchFlip was = killedBy.remove(flip.scope());
      if (was == null || !was.sentence().equals(pausedBecause)) {
        return;
      }
      pausedBecause = killedBy.isEmpty() ? null : killedBy.values().iterator().next().sentence();
      if (killedBy.isEmpty()) {
        record(new ControlEvent.Resumed(now(), flip.actor(), flip.sentence()));
      }
    }
  }

  /** The kill switch holding the release, or null when none is on. */
  String killedBy() {
    return killedBy.isEmpty() ? null : killedBy.values().iterator().next().sentence();
  }

  /** Pauses on Rollwright's own account (analysis inconclusive, or a check whose breach pauses). */
  public void pauseBySystem(String why) {
    pausedBecause = why;
    record(new ControlEvent.Paused(now(), SYSTEM, why));
  }

  // --- controls, sent by people: the rules are ControlRules' ---

  public ControlAnswer pause(ControlRequest c) {
    return apply(ControlCommand.of(ControlCommand.Action.PAUSE, c));
  }

  public ControlAnswer resume(ControlRequest c) {
    return apply(ControlCommand.of(ControlCommand.Action.RESUME, c));
  }

  public ControlAnswer abort(ControlRequest c) {
    return apply(ControlCommand.of(ControlCommand.Action.ABORT, c));
  }

  public ControlAnswer promote(PromoteRequest p) {
    return apply(ControlCommand.of(p));
  }

  public ControlAnswer approve(ApprovalDecision d) {
    return apply(ControlCommand.of(ControlCommand.Action.APPROVE, d));
  }

  public ControlAnswer reject(ApprovalDecision d) {
    return apply(ControlCommand.of(ControlCommand.Action.REJECT, d));
  }

  /** Applies one control as the {@code control} update or a signal delivers it. */
  public ControlAnswer apply(ControlCommand c) {
    return apply(c, false);
  }

  /**
   * Why {@code c} will be refused whatever arrives or happens before it is applied, or null when
   * only applying it can tell ({@link CertainRefusals}): malformed, a self-approval, a decision by
   * someone allowed at none of its gates, or a release closed to it for good. Read-only: the {@code
   * control} update's validator asks it, and {@link #apply} starts with it.
   */
  public String certainRefusal(ControlCommand c) {
    Denial denial = rules.certainRefusal(c);
    return denial == null ? null : denial.to(c == null ? null : c.actor());
  }

  /** The controls {@code caller} may send now without a certain refusal, by command name. */
  public List<String> offeredTo(String caller) {
    return rules.offeredTo(caller);
  }

  /**
   * Why {@code c}'s sender lacks the role its action needs, or null (also when roles are not yet
   * known).
   */
  public String roleRefusal(ControlCommand c) {
    return rules.roleRefusal(c);
  }

  /**
   * Applies one control. {@code afterDeadline}: it reached the server after the open gate's
   * deadline (judged in the order the server recorded the two, whenever a worker processes them).
   */
  public ControlAnswer apply(ControlCommand c, boolean afterDeadline) {
    return rules.apply(c, afterDeadline);
  }

  // --- what the workflow waits on ---

  public boolean paused() {
    return pausedBecause != null;
  }

  public String pausedBecause() {
    return pausedBecause;
  }

  public ControlRequest abortRequest() {
    return abort;
  }

  public PromoteRequest fullPromotion() {
    return fullPromote;
  }

  /** The rollback that has begun, or null. */
  public Stop stop() {
    return stop;
  }

  /** Something wants the current wait to end: a rollback, or a full promotion. */
  public boolean interrupted() {
    return stop != null || fullPromote != null;
  }

  public boolean soakSkipped() {
    return skipSoak || interrupted();
  }

  public ApprovalTally gate() {
    return gate;
  }

  public ReleaseResult result() {
    return result;
  }

  public String requester() {
    return request.requestedBy();
  }

  public long startedAt() {
    return startedAt;
  }

  /** The release as people see it: rolling back from the moment a rollback has begun. */
  public ReleaseStatus snapshot() {
    return snapshot(stop != null && result == null ? Phase.ROLLING_BACK : phase);
  }

  /**
   * The release as its own process has reached it, for what is recorded in its history (search
   * attributes): rolling back once the process has begun the rollback.
   */
  public ReleaseStatus processSnapshot() {
    return snapshot(phase);
  }

  private ReleaseStatus snapshot(Phase shown) {
    return new ReleaseStatus(
        request.releaseId(),
        request.service(),
        request.version(),
        request.environment(),
        request.strategy(),
        request.requestedBy(),
        policy,
        paused() && shown != Phase.DONE
            ? Phase.PAUSED
            : heldBecause != null && shown != Phase.DONE && stop == null ? Phase.HELD : shown,
        stageNumber,
        stageCount,
        gate != null ? gate.stage() : stage,
        weight,
        shown(pausedBecause),
        gate == null ? null : gate.status(),
        verdicts,
        preflight,
        result == null
            ? null
            : new ReleaseResult(
                result.releaseId(),
                result.outcome(),
                result.rollbackReason(),
                shown(result.detail()),
                result.durationMillis()),
        audit.shown(),
        startedAt,
        null,
        heldBecause,
        readings);
  }

  /**
   * A text people sent, or that quotes them, as the status shows it: at most {@link
   * AuditEntry#TEXT_KEPT} characters.
   */
  private static String shown(String text) {
    return AuditEntry.text(text);
  }
}
