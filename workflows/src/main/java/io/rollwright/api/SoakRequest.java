package io.rollwright.api;

import io.rollwright.policy.AnalysisCheck;
import io.rollwright.policy.AnalysisSettings;
import io.rollwright.policy.DurationField;
import java.time.Duration;
import java.util.List;

/** One soak to analyse: the stage, for how long, which checks, and since when the canary has served traffic. */
public record SoakRequest(
    TrafficTarget target,
    String stage,
    double weight,
    @DurationField Duration duration,
    List<AnalysisCheck> checks,
    AnalysisSettings settings,
    long canarySinceMillis) {}
