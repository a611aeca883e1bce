package io.rollwright.workflow;

import io.rollwright.api.RollbackReason;

/** Ends the canary early: the release is rolled back for {@code reason}. */
final class ReleaseStop extends RuntimeException {
  final RollbackReason reason;

  ReleaseStop(RollbackReason reason, String detail) {
    super(detail, null, false, false);
    this.reason = reason;
  }
}
