package io.rollwright.api;

/**
 * A version promoted to an environment, as release history keeps it: the image it was released as,
 * the run that promoted it, and when.
 */
public record PromotedRelease(
    String version, String image, String workflowId, String runId, long promotedAtMillis) {}
