package io.rollwright.workflow;

import io.rollwright.api.ControlRequest;
import io.rollwright.api.TrainEvent.Kind;
import java.util.List;

/**
 * A train's stop and pause: why, by whom, and whether its running releases and its notifiers have
 * heard of them yet. Runs in the train's workflow.
 */
final class TrainBrakes {
  private String stoppedBecause;
  private String stopActor;
  private String pausedBecause;
  private String pauseActor;
  private String pauseReason;
  private boolean stopSent;
  private boolean pauseSent;
  private boolean stopTold;
  private boolean pauseTold;

  /** Why the train stops, or null while it goes on. */
  String stopped() {
    return stoppedBecause;
  }

  /** Why the train is paused, or null. */
  String paused() {
    return pausedBecause;
  }

  /** The train stops, by {@code actor}, because {@code why}. */
  void stop(String actor, String why) {
    stopActor = actor;
    stoppedBecause = why;
  }

  void pause(String actor, String reason) {
    pauseActor = actor;
    pauseReason = reason;
    pausedBecause = "paused by " + actor + (reason == null ? "" : ": " + reason);
  }

  void resume(String actor, String reason) {
    pauseActor = actor;
    pauseReason = reason;
    pausedBecause = null;
  }

  /** A stop, pause or resume the releases still running have not been told of. */
  boolean untold() {
    return (stoppedBecause != null && !stopSent) || (pausedBecause != null) != pauseSent;
  }

  /** No release runs to be told: those that start later start as the train now is. */
  void noneRunning() {
    pauseSent = pausedBecause != null;
  }

  /** Tells the releases {@code running} what the train was told since they last heard. */
  void tell(List<TrainCar> running) {
    if (stoppedBecause != null && !stopSent) {
      stopSent = true;
      running.forEach(c -> c.release.abort(new ControlRequest(stopActor, stoppedBecause)));
    }
    if ((pausedBecause != null) != pauseSent) {
      pauseSent = pausedBecause != null;
      ControlRequest control = new ControlRequest(pauseActor, pauseReason);
      running.forEach(
          c -> {
            if (pauseSent) {
              c.release.pause(control);
            } else {
              c.release.resume(control);
            }
          });
    }
  }

  /**
   * Tells the notifiers, through {@code news}, a stop, pause or resume they have not heard of yet
   * (whether or not a release was running to be told); the train stops at {@code failed}, and
   * {@code undoes} when it rolls back what it promoted.
   */
  void announce(TrainNews news, String trainId, String failed, boolean undoes) {
    if (stoppedBecause != null && !stopTold) {
      stopTold = true;
      news.tell(
          Kind.STOPPING,
          failed,
          trainId
              + " stops: "
              + stoppedBecause
              + (undoes ? "; what it promoted is rolled back, newest first" : ""));
    }
    boolean paused = pausedBecause != null && stoppedBecause == null;
    if (paused != pauseTold) {
      pauseTold = paused;
      news.tell(
          paused ? Kind.PAUSED : Kind.RESUMED,
          null,
          trainId
              + " "
              + (paused
                  ? pausedBecause
                  : "resumed by " + pauseActor + (pauseReason == null ? "" : ": " + pauseReason)));
    }
  }
}
