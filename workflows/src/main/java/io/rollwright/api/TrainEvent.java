package io.rollwright.api;

import java.util.List;

/**
 * Something worth telling people about a train: what happened ({@code message}), the release it is
 * about when it is about one ({@code release}: its label, which also names the gate of a gate's
 * events), where each release of the train stands ({@code standing}, one {@link
 * TrainStatus.Car#line()} each), the outcome of what ended (a release, its rollback, or the train),
 * and where notifiers keep the train's conversation ({@code thread}), which its releases join.
 * {@code runId} tells this train apart from earlier ones of the same name and environment.
 */
public record TrainEvent(
    String trainId,
    String runId,
    Kind kind,
    String message,
    String release,
    List<String> standing,
    ReleaseOutcome outcome,
    String thread) {

  public TrainEvent {
    standing = standing == null ? List.of() : List.copyOf(standing);
  }

  /**
   * Whether on-call must be paged: a release, its rollback or the train ended FAILED, so a human
   * must put a service back.
   */
  public boolean pagesOnCall() {
    return outcome == ReleaseOutcome.FAILED;
  }

  /** What happened to the train. */
  public enum Kind {
    STARTED,
    RELEASE_STARTED,
    RELEASE_ENDED,
    GATE_OPENED,
    GATE_PROGRESS,
    GATE_CLOSED,
    PAUSED,
    RESUMED,
    STOPPING,
    UNDOING,
    UNDONE,
    FINISHED
  }
}
