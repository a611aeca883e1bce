package io.rollwright.workflow;

import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.ReleaseWorkflow;
import io.rollwright.api.TrainRequest;
import io.rollwright.api.TrainResult;
import io.rollwright.api.TrainStatus;
import io.temporal.workflow.Promise;
import java.util.Locale;

/** One service's release in a train, as the train follows it: its run and its rollback. */
final class TrainCar {
  /**
   * Where a release of the train is: waiting for those it goes after, baking or at its gate after
   * them, cleared to start (held by a paused train), running, ended as its release did, refused at
   * its gate, skipped by a train that stopped, or being (or having been) undone by the train's
   * rollback release.
   */
  enum State {
    WAITING,
    GATED,
    CLEARED,
    REFUSED,
    RUNNING,
    PROMOTED,
    ROLLED_BACK,
    BLOCKED,
    FAILED,
    SKIPPED,
    UNDOING,
    UNDONE,
    UNDO_FAILED
  }

  final TrainRequest.Release train;
  private final String label;
  private final String environment;
  State state = State.WAITING;
  ReleaseWorkflow release;
  Promise<ReleaseResult> run;
  TrainGate gate;
  Promise<String> gatePassed;
  private ReleaseOutcome outcome;
  private String detail;
  private ReleaseOutcome rollback;
  private String rollbackDetail;

  TrainCar(TrainRequest.Release train, String label, String environment) {
    this.train = train;
    this.label = label;
    this.environment = environment;
  }

  /** How the train names it: its service, with its environment when not the train's. */
  String label() {
    return label;
  }

  /** Opens its gate, which {@code passing} runs: it bakes, then waits at its gate. */
  void gated(TrainGate opened, Promise<String> passing) {
    gate = opened;
    gatePassed = passing;
    state = State.GATED;
  }

  /** Whether it is baking or at its gate. */
  boolean atGate() {
    return state == State.GATED;
  }

  /** Whether {@code name} is its label or its {@code <service>@<environment>}. */
  boolean named(String name) {
    return label.equals(name) || (train.service() + "@" + environment).equals(name);
  }

  /** Whether what it waits for ended: its gate, or its run. */
  boolean settled() {
    return atGate() ? gatePassed.isCompleted() : run != null && run.isCompleted();
  }

  /** It may start: it waits for nothing, or its gate passed. */
  void cleared() {
    state = State.CLEARED;
  }

  /** Its gate did not pass, saying {@code why}: it never starts. */
  void refused(String why) {
    state = State.REFUSED;
    detail = why;
  }

  /** Why the train stops at it: its release's end, or its gate's refusal. */
  String stops() {
    return label
        + " "
        + (state == State.REFUSED ? "was refused at its gate: " + detail : describe());
  }

  void running(Promise<ReleaseResult> started) {
    run = started;
    state = State.RUNNING;
  }

  /**
   * Takes the ended run's outcome. A release that could not start (another release of the service
   * running, a request or policy its worker refused) changed nothing: blocked.
   */
  ReleaseOutcome ended() {
    outcome = outcome(run, ReleaseOutcome.BLOCKED);
    detail = detail(run);
    state = State.valueOf(outcome.name());
    return outcome;
  }

  void skip(String why) {
    state = State.SKIPPED;
    detail = "not started: " + why;
  }

  void rollingBack(Promise<ReleaseResult> undo) {
    run = undo;
    state = State.UNDOING;
  }

  /**
   * Takes the rollback's result, and returns its outcome: rolled back only when the rollback
   * release promoted.
   */
  ReleaseOutcome rolledBack() {
    rollback = outcome(run, ReleaseOutcome.FAILED);
    rollbackDetail = detail(run);
    state = rollback == ReleaseOutcome.PROMOTED ? State.UNDONE : State.UNDO_FAILED;
    return rollback;
  }

  /** Whether the train promoted this release and could not put the previous version back. */
  boolean stranded() {
    return rollback != null && rollback != ReleaseOutcome.PROMOTED;
  }

  ReleaseOutcome outcome() {
    return outcome;
  }

  /** The release's outcome and why, as a clause ("rolled back: error-rate 18% > 15%"). */
  String describe() {
    return outcome.name().toLowerCase(Locale.ROOT).replace('_', ' ')
        + (detail == null || detail.isBlank() ? "" : ": " + detail);
  }

  TrainResult.Car result() {
    return new TrainResult.Car(
        train.service(), environment, train.version(), outcome, detail, rollback, rollbackDetail);
  }

  TrainStatus.Car status() {
    boolean waits = atGate();
    return new TrainStatus.Car(
        train.service(),
        environment,
        train.version(),
        waits ? gate.state() : state.name().toLowerCase(Locale.ROOT).replace('_', ' '),
        waits ? gate.detail() : rollbackDetail != null ? rollbackDetail : detail,
        waits ? gate.status() : null);
  }

  /** The ended run's outcome, or {@code refused} when the child workflow failed to run. */
  private static ReleaseOutcome outcome(Promise<ReleaseResult> p, ReleaseOutcome refused) {
    return p.getFailure() == null ? p.get().outcome() : refused;
  }

  /** Why the ended run ended so, or why the child workflow failed to run. */
  private static String detail(Promise<ReleaseResult> p) {
    return p.getFailure() == null ? p.get().detail() : Failures.describe(p.getFailure());
  }
}
