package io.rollwright.activities.metrics;

import java.time.Duration;

/**
 * One metric of one track of a service, over {@code window} ending at {@code atMillis}.
 * {@code canarySinceMillis} is when the canary started serving (0 before there is one).
 */
public record MetricQuery(
    String service, String environment, String metric, Track track, Duration window, long canarySinceMillis, long atMillis) {}
