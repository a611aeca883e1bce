package io.rollwright.api;

/**
 * Payload of the {@code pause}, {@code resume} and {@code abort} signals: who asks, and why
 * (required to abort).
 */
public record ControlRequest(String actor, String reason) {}
