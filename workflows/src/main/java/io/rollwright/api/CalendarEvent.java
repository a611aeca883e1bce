package io.rollwright.api;

import io.rollwright.api.ReleaseEvent.Kind;
import java.time.Instant;

/** The deploy calendar holding a change, and letting it go on. */
public sealed interface CalendarEvent extends AuditEntry {

  /**
   * {@code before} ({@code stage canary-50}, {@code promotion}) may not start: {@code reason}
   * ("change freeze: year-end"), until {@code untilMillis} (0: no opening within a year). The
   * canary stays where it is, still analysed.
   */
  record Held(long atMillis, String actor, String before, String reason, long untilMillis)
      implements CalendarEvent {
    public Held {
      reason = AuditEntry.text(reason);
    }

    @Override
    public String action() {
      return "held";
    }

    @Override
    public String detail() {
      return before
          + " waits — "
          + reason
          + (untilMillis > 0
              ? "; goes on at " + Instant.ofEpochMilli(untilMillis)
              : "; no opening within a year");
    }

    @Override
    public Kind kind() {
      return Kind.HELD;
    }
  }

  /**
   * The hold of {@code before} is over: {@code how} says why (the calendar opened, or a full
   * promotion passed it).
   */
  record HoldEnded(long atMillis, String actor, String before, String how)
      implements CalendarEvent {
    public HoldEnded {
      how = AuditEntry.text(how);
    }

    @Override
    public String action() {
      return "hold ended";
    }

    @Override
    public String detail() {
      return before + " goes on — " + how;
    }

    @Override
    public Kind kind() {
      return Kind.HOLD_ENDED;
    }
  }
}
