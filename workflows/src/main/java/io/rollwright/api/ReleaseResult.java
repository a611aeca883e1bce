package io.rollwright.api;

/**
 * The result of a release workflow: its outcome, why (for anything but a promotion), and how long
 * it took.
 */
public record ReleaseResult(
    String releaseId,
    ReleaseOutcome outcome,
    RollbackReason rollbackReason,
    String detail,
    long durationMillis) {}
