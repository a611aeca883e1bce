package io.rollwright.workflow;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Saga;

/** Failures as people read them. */
final class Failures {
  private Failures() {}

  /**
   * The most useful message of a failure: the application's own, under whatever timed out or gave
   * up retrying it, else what timed out.
   */
  static String describe(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null
        && (cause instanceof ActivityFailure
            || cause instanceof TimeoutFailure
            || cause instanceof Saga.CompensationException
            || (cause instanceof ApplicationFailure
                && cause.getCause() instanceof TemporalFailure))) {
      cause = cause.getCause();
    }
    return cause instanceof TemporalFailure t
        ? t.getOriginalMessage()
        : String.valueOf(cause.getMessage());
  }
}
