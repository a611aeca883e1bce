package io.rollwright.workflow;

import io.rollwright.api.ReleaseMemo;
import io.rollwright.api.ReleaseRequest;
import io.temporal.workflow.ContinueAsNewOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * When a release continues as new, and how. A release waits (soaks, holds, gates) for days and
 * takes controls all the while; before its run nears Temporal's limits on events, bytes or updates
 * it continues as a new run of the same workflow ID, carrying a {@link ReleaseCheckpoint}, at the
 * wait it was in. Callers see one release: controls, queries and results go to its latest run.
 */
final class Continuation {
  /**
   * Continue past this many events even when the server does not suggest it (its hard limit is
   * 51,200).
   */
  static final long MAX_EVENTS = 10_000;

  /**
   * Continue past this many bytes of history even when the server does not suggest it (its hard
   * limit is 50 MiB).
   */
  static final long MAX_BYTES = 10L * 1024 * 1024;

  /**
   * Thrown from a wait when the release continues as new there; whoever knows the step carries it.
   */
  static final class Due extends RuntimeException {
    Due() {
      super("the release continues as new", null, false, false);
    }
  }

  private final BooleanSupplier settled;
  private Boolean enabled;

  /** {@code settled}: everything that has arrived has been applied (the release's desk is idle). */
  Continuation(BooleanSupplier settled) {
    this.settled = settled;
  }

  /**
   * The run is near Temporal's limits: the server suggests continuing, or the run is past {@link
   * #MAX_EVENTS} or {@link #MAX_BYTES}. Read-only, so it can be part of a wait's condition.
   */
  boolean due() {
    if (Boolean.FALSE.equals(enabled)) {
      return false;
    }
    WorkflowInfo info = Workflow.getInfo();
    return info.isContinueAsNewSuggested()
        || info.getHistoryLength() > MAX_EVENTS
        || info.getHistorySize() > MAX_BYTES;
  }

  /**
   * Once {@link #due()}: whether this release continues as new. False only for a release started
   * before it could (versioned, so its history replays as it ran); {@link #due()} is then false for
   * good.
   */
  boolean wanted() {
    if (enabled == null) {
      enabled = Workflow.getVersion("continue-as-new", Workflow.DEFAULT_VERSION, 1) == 1;
    }
    return enabled;
  }

  /**
   * Waits until {@code over}, or throws {@link Due} when the release is to continue as new first.
   * {@code over} must hold once a rollback has begun: a release continues only when none has.
   */
  void await(BooleanSupplier over) {
    while (!over.getAsBoolean()) {
      Workflow.await(() -> over.getAsBoolean() || due());
      continueUnless(over);
    }
  }

  /**
   * Waits until {@code over} but not past {@code deadlineMillis}, or throws {@link Due} when the
   * release is to continue as new first; returns false when the time ran out.
   */
  boolean await(long deadlineMillis, BooleanSupplier over) {
    while (!over.getAsBoolean()) {
      long left = deadlineMillis - Workflow.currentTimeMillis();
      if (left <= 0
          || !Workflow.await(Duration.ofMillis(left), () -> over.getAsBoolean() || due())) {
        return over.getAsBoolean();
      }
      continueUnless(over);
    }
    return true;
  }

  /**
   * Throws {@link Due} when the release is to continue now: it is due and wanted, and once every
   * control that has arrived is applied and answered, the wait is still not {@code over}.
   */
  private void continueUnless(BooleanSupplier over) {
    if (over.getAsBoolean() || !wanted()) {
      return;
    }
    Workflow.await(() -> settled.getAsBoolean() && Workflow.isEveryHandlerFinished());
    if (!over.getAsBoolean()) {
      throw new Due();
    }
  }

  /** The checkpoint this run continues from, or null when it is a release's first run. */
  static ReleaseCheckpoint resumed() {
    String from = Workflow.getInfo().getContinuedExecutionRunId().orElse(null);
    if (from == null) {
      return null;
    }
    ReleaseCheckpoint checkpoint =
        Workflow.getMemo(ReleaseCheckpoint.MEMO, ReleaseCheckpoint.class, ReleaseCheckpoint.class);
    return checkpoint != null && from.equals(checkpoint.fromRunId()) ? checkpoint : null;
  }

  /**
   * Ends this run and continues the release as a new run that resumes from {@code checkpoint}, with
   * the memo fields release history reads ({@link ReleaseMemo}).
   */
  static void continueAs(ReleaseRequest request, ReleaseCheckpoint checkpoint) {
    Map<String, Object> memo = new HashMap<>();
    memo.put(ReleaseCheckpoint.MEMO, checkpoint);
    memo.put(ReleaseMemo.STARTED_AT, checkpoint.state().startedAt());
    for (String key : ReleaseMemo.CARRIED) {
      Object value = Workflow.getMemo(key, Object.class, Object.class);
      if (value != null) {
        memo.put(key, value);
      }
    }
    Workflow.continueAsNew(ContinueAsNewOptions.newBuilder().setMemo(memo).build(), request);
  }
}
