package io.rollwright.api;

import java.util.List;

/**
 * The answer of a train's {@code status} query: each release as far as the train knows it ({@code
 * state}: waiting, running, promoted, rolled back, blocked, failed, skipped, undoing, undone, undo
 * failed), whether the train is paused or stopping and why, the latest controls it refused that
 * came as signals (which cannot be answered; at most ten, oldest first), and its result once it has
 * ended. A release's state may also be baking, at gate, cleared (to start once the train resumes)
 * or refused (at its gate).
 */
public record TrainStatus(
    String trainId,
    String environment,
    String requestedBy,
    List<Car> releases,
    String pausedBecause,
    String stoppedBecause,
    List<String> refused,
    TrainResult result) {

  public TrainStatus {
    releases = List.copyOf(releases);
    refused = refused == null ? List.of() : List.copyOf(refused);
  }

  /**
   * One release of the train: its service, environment, version, state, what it ended with (or
   * waits for), and its approval gate while that is open.
   */
  public record Car(
      String service,
      String environment,
      String version,
      String state,
      String detail,
      GateStatus gate) {
    /** The release as one line: {@code api@prod 2.0.0: rolled back — analysis: …}. */
    public String line() {
      return service
          + "@"
          + environment
          + " "
          + version
          + ": "
          + state
          + (detail == null ? "" : " — " + detail);
    }
  }
}
