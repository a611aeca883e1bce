package io.rollwright.workflow;

/** Ends the canary early: a rollback has begun ({@link ReleaseState#stop()} says why). */
final class ReleaseStop extends RuntimeException {
  ReleaseStop() {
    super("the release is rolling back", null, false, false);
  }
}
