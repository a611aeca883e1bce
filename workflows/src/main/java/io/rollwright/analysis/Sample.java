package io.rollwright.analysis;

/**
 * What one analysis tick read for one check: the canary, the stable baseline and the canary's
 * request count.
 */
public record Sample(
    long atMillis, Measurement canary, Measurement baseline, Measurement requests) {}
