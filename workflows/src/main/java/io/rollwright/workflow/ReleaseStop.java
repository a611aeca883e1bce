package io.rollwright.workflow;

/** Ends the canary early: a rollback has begun ({@link ReleaseState#stop()} says why). */
final class ReleaseStop extends RuntimeException {
  ReleaseStop() {
    super("the release is rolling back", null, false, false);
  }

  /** Throws when a rollback has begun: whatever the release was waiting for no longer matters. */
  static void ifBegun(ReleaseState state) {
    if (state.stop() != null) {
      throw new ReleaseStop();
    }
  }
}
