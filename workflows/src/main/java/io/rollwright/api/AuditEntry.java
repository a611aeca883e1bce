package io.rollwright.api;

/**
 * One decision in a release's timeline: when, who (a person, or {@code rollwright}), what, and why.
 */
public record AuditEntry(long atMillis, String actor, String action, String detail) {}
