package io.rollwright.workflow;

import io.rollwright.api.ControlAnswer;
import io.rollwright.api.ControlCommand;
import io.rollwright.api.SoakResult;

/**
 * Something that reached a release from outside its own progress: a control (a signal or the {@code
 * control} update), or the end of an analysis run. Arrivals are applied by {@link ReleaseDesk} in a
 * fixed order of {@link #rank()}, whatever order the server delivered them in.
 */
sealed interface Arrival permits Arrival.Control, Arrival.Analysis {
  /**
   * Lower ranks apply first: people's rollbacks, then verdicts, then pause/resume, approvals,
   * promotions.
   */
  int rank();

  /**
   * A control. {@code afterDeadline}: the open gate's deadline had already passed, in the server's
   * order, when it arrived. {@code reply} receives the answer for an update's caller.
   */
  record Control(ControlCommand command, boolean afterDeadline, Reply reply) implements Arrival {
    @Override
    public int rank() {
      if (command == null || command.action() == null) {
        return 5;
      }
      return switch (command.action()) {
        case ABORT, REJECT, ALERT -> 0;
        case PAUSE, RESUME -> 2;
        case APPROVE -> 3;
        case PROMOTE, PROMOTE_FULL -> 4;
      };
    }
  }

  /**
   * The end of analysis run {@code run}: its result, or why it failed ({@code failure}), or
   * cancelled.
   */
  record Analysis(long run, SoakResult result, String failure, boolean cancelled)
      implements Arrival {
    @Override
    public int rank() {
      return 1;
    }
  }

  /** Where the answer to a control goes once it has been applied. */
  final class Reply {
    private ControlAnswer answer;

    void set(ControlAnswer a) {
      answer = a;
    }

    ControlAnswer get() {
      return answer;
    }
  }
}
