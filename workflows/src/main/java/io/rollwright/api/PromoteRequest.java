package io.rollwright.api;

/**
 * Payload of the {@code promote} signal. Not full: end the current stage's soak (its gate still
 * applies). Full: skip every remaining stage, soak and gate and go to 100% — requires a reason.
 */
public record PromoteRequest(String actor, String reason, boolean full) {}
