package io.rollwright.workflow;

import io.rollwright.analysis.Verdict;
import io.rollwright.api.AnalysisEvent;
import io.rollwright.api.AuditEntry;
import io.rollwright.api.ControlEvent;
import io.rollwright.api.SoakRequest;
import io.rollwright.api.TrafficTarget;
import io.rollwright.policy.AnalysisSettings;
import io.rollwright.policy.Stage;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The analysis of a release's canary from the moment it serves traffic: each stage's soak, and the
 * watch of a canary held paused or at a gate, so a breach rolls back at once whatever the release
 * waits for. Runs end through {@link ReleaseDesk}, which decides what they mean.
 */
final class CanaryWatch {
  /** How long one watch of a held canary runs before it is started again. */
  private static final Duration WATCH_CHUNK = Duration.ofHours(24);

  private final ReleaseSteps steps;
  private final ReleaseDesk desk;
  private final ReleaseState state;
  private final Consumer<AuditEntry> tell;
  private final boolean watchedHolds;
  private final TrafficTarget target;
  private final AnalysisSettings settings;
  private final long canarySince;
  private final Continuation continuation;
  private final StuckWatch stuck;
  private Duration soakLeft = Duration.ZERO;
  private long soakRunSince = -1;

  /**
   * {@code watchedHolds}: held canaries are watched (false only to replay releases started before).
   */
  CanaryWatch(
      ReleaseSteps steps,
      ReleaseDesk desk,
      ReleaseState state,
      Consumer<AuditEntry> tell,
      boolean watchedHolds,
      TrafficTarget target,
      AnalysisSettings settings,
      long canarySince,
      Continuation continuation,
      StuckWatch stuck) {
    this.steps = steps;
    this.desk = desk;
    this.state = state;
    this.tell = tell;
    this.watchedHolds = watchedHolds;
    this.target = target;
    this.settings = settings;
    this.canarySince = canarySince;
    this.continuation = continuation;
    this.stuck = stuck;
  }

  long canarySince() {
    return canarySince;
  }

  /**
   * Soaks the canary at {@code stage} for {@code left} of its time, holding it while paused (first,
   * when {@code held}: it resumes a soak that was held); a rollback begun meanwhile is thrown.
   */
  void soak(Stage stage, Duration left, boolean held) {
    soakLeft = left;
    soakRunSince = -1;
    if (held) {
      holdWhilePaused(stage);
    }
    while (soakLeft.compareTo(Duration.ZERO) > 0 && !state.soakSkipped()) {
      state.soaking(true);
      soakRunSince = Workflow.currentTimeMillis();
      Arrival.Analysis run =
          analyse(stage, soakLeft, false, Verdict.PASS, () -> state.soakSkipped());
      soakRunSince = -1;
      state.soaking(false);
      if (run == null) {
        break;
      }
      told(run);
      ReleaseStop.ifBegun(state);
      if (run.failure() == null) {
        soakLeft = soakLeft.minusMillis(run.result().elapsedMillis());
      }
      holdWhilePaused(stage);
    }
    ReleaseStop.ifBegun(state);
  }

  /** How much of the current soak is left, counting a run under way up to now. */
  Duration soakLeft() {
    Duration left =
        soakRunSince < 0
            ? soakLeft
            : soakLeft.minusMillis(Workflow.currentTimeMillis() - soakRunSince);
    return left.isNegative() ? Duration.ZERO : left;
  }

  /** The soak is held while the release is paused (no run of it is under way). */
  boolean soakHeld() {
    return soakRunSince < 0;
  }

  /**
   * Runs one analysis of the canary at {@code stage} until it ends, or until {@code over} (the run
   * is then cancelled and {@code null} returned); a rollback begun meanwhile is thrown.
   */
  private Arrival.Analysis analyse(
      Stage stage, Duration duration, boolean watch, Verdict shown, BooleanSupplier over) {
    long run = desk.startAnalysis();
    SoakRequest request =
        new SoakRequest(
            target,
            stage.name(),
            stage.weight(),
            duration,
            stage.checks(),
            settings,
            canarySince,
            watch,
            shown);
    CancellationScope scope =
        Workflow.newCancellationScope(
            () ->
                steps
                    .soak(request)
                    .handle(
                        (result, failure) -> {
                          desk.arrive(
                              new Arrival.Analysis(
                                  run,
                                  result,
                                  failure == null ? null : Failures.describe(failure),
                                  failure instanceof CanceledFailure
                                      || (failure instanceof ActivityFailure a
                                          && a.getCause() instanceof CanceledFailure)));
                          return null;
                        }));
    scope.run();
    try {
      continuation.await(
          () ->
              desk.idle()
                  && (desk.settled(run) != null || over.getAsBoolean() || state.stop() != null));
    } catch (Continuation.Due due) {
      desk.endAnalysis(run);
      scope.cancel();
      throw due;
    }
    Arrival.Analysis settled = desk.settled(run);
    desk.endAnalysis(run);
    if (settled == null) {
      scope.cancel();
      ReleaseStop.ifBegun(state);
    }
    return settled;
  }

  /** Tells what an analysis run found: a finding of a soak, and any verdict other than a pass. */
  private void told(Arrival.Analysis run) {
    if (run.failure() != null) {
      tell.accept(
          new ControlEvent.Paused(
              state.now(), ReleaseState.SYSTEM, "analysis could not run: " + run.failure()));
      return;
    }
    tell.accept(AnalysisEvent.Analysed.of(state.now(), run.result()));
    if (run.result().decision().stopsSoak() && state.paused()) {
      tell.accept(new ControlEvent.Paused(state.now(), ReleaseState.SYSTEM, state.pausedBecause()));
    }
  }

  /**
   * Waits until {@code over} with the canary still under analysis ({@code stage}'s checks; none
   * before the first stage): a breach rolls back at once and any other finding is shown.
   */
  void hold(Stage stage, BooleanSupplier over) {
    Verdict shown = Verdict.PASS;
    while (!over.getAsBoolean()) {
      if (stage == null || !watchedHolds) {
        awaitDecided(over);
        return;
      }
      Arrival.Analysis run = analyse(stage, WATCH_CHUNK, true, shown, over);
      if (run != null && run.failure() == null && run.result().decision().verdict() != shown) {
        told(run);
        shown = run.result().decision().verdict();
      } else if (run != null && run.failure() != null) {
        told(run);
        shown = Verdict.INCONCLUSIVE;
      }
      ReleaseStop.ifBegun(state);
    }
  }

  /**
   * Holds the next traffic change while the release is paused; {@code stage} is the one the canary
   * is at.
   */
  void holdWhilePaused(Stage stage) {
    if (state.paused()) {
      stuck.whilePaused(() -> hold(stage, () -> !state.paused() || state.fullPromotion() != null));
      tell.accept(new ControlEvent.Resumed(state.now(), ReleaseState.SYSTEM, null));
    }
  }

  /**
   * Waits for {@code condition} once every arrival has been applied; a rollback begun meanwhile is
   * thrown.
   */
  private void awaitDecided(BooleanSupplier condition) {
    continuation.await(() -> desk.idle() && (condition.getAsBoolean() || state.stop() != null));
    ReleaseStop.ifBegun(state);
  }
}
