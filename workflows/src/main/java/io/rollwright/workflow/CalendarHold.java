package io.rollwright.workflow;

import io.rollwright.api.AuditEntry;
import io.rollwright.api.CalendarEvent;
import io.rollwright.policy.CalendarRule;
import io.rollwright.policy.DeployCalendar;
import io.rollwright.policy.Stage;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Holds a change at a stage boundary while the release's deploy calendars forbid it: outside every
 * window, or inside a freeze. The canary stays where it is and is still analysed, so a breach still
 * rolls back; the hold ends by itself when the calendar opens. A full promotion (break-glass)
 * passes it. What the calendar answers is recorded in the history as it was computed, so a change
 * of time-zone rules never changes a replay.
 */
final class CalendarHold {
  /** How long a hold with no known opening waits before it asks the calendar again. */
  static final Duration ASK_AGAIN = Duration.ofDays(1);

  private final ReleaseState state;
  private final CanaryWatch canary;
  private final List<DeployCalendar> calendars;
  private final Consumer<AuditEntry> tell;

  CalendarHold(
      ReleaseState state,
      CanaryWatch canary,
      List<DeployCalendar> calendars,
      Consumer<AuditEntry> tell) {
    this.state = state;
    this.canary = canary;
    this.calendars = calendars;
    this.tell = tell;
  }

  /**
   * Waits until the release is not paused and the calendars let {@code before} ({@code stage
   * canary-50}, {@code promotion}) start, the canary watched at {@code current} (null: not yet
   * carrying traffic).
   */
  void beforeChange(String before, Stage current) {
    canary.holdWhilePaused(current);
    if (calendars.isEmpty()) {
      return;
    }
    CalendarRule.Hold told = null;
    while (state.fullPromotion() == null) {
      CalendarRule.Hold hold = ask();
      if (hold == null && !state.paused()) {
        break;
      }
      if (hold == null) {
        canary.holdWhilePaused(current);
        continue;
      }
      if (!hold.equals(told)) {
        held(before, hold);
        told = hold;
      }
      waitOut(current, hold);
    }
    if (told != null) {
      state.held(null);
      tell(
          new CalendarEvent.HoldEnded(
              state.now(),
              ReleaseState.SYSTEM,
              before,
              state.fullPromotion() != null
                  ? "promoted in full by " + state.fullPromotion().actor()
                  : "the calendar is open"));
    }
  }

  private CalendarRule.Hold ask() {
    long now = state.now();
    return Workflow.sideEffect(CalendarRule.Hold.class, () -> new CalendarRule(calendars).at(now));
  }

  private void held(String before, CalendarRule.Hold hold) {
    long until = hold.untilMillis() == null ? 0 : hold.untilMillis();
    state.held(
        hold.reason()
            + (until > 0
                ? "; goes on at " + Instant.ofEpochMilli(until)
                : "; no opening within a year"));
    tell(new CalendarEvent.Held(state.now(), ReleaseState.SYSTEM, before, hold.reason(), until));
  }

  private void tell(AuditEntry e) {
    state.record(e);
    tell.accept(e);
  }

  private void waitOut(Stage current, CalendarRule.Hold hold) {
    long wait =
        hold.untilMillis() == null
            ? ASK_AGAIN.toMillis()
            : Math.max(1_000, hold.untilMillis() - state.now());
    boolean[] due = {false};
    CancellationScope timer =
        Workflow.newCancellationScope(
            () -> Workflow.newTimer(Duration.ofMillis(wait)).thenApply(x -> due[0] = true));
    timer.run();
    try {
      canary.hold(current, () -> due[0] || state.fullPromotion() != null);
    } finally {
      timer.cancel();
    }
  }
}
