package io.rollwright.api;

import io.rollwright.analysis.Verdict;
import io.rollwright.policy.AnalysisCheck;
import io.rollwright.policy.AnalysisSettings;
import io.rollwright.policy.DurationField;
import java.time.Duration;
import java.util.List;

/**
 * One analysis run: the stage, for how long, which checks, and since when the canary has served
 * traffic. A soak ({@code watch} false) passes only at its end; a watch keeps a held canary
 * (paused, or at its gate) under analysis and returns only when a check fails or the verdict
 * differs from {@code shown}, the one the release already shows.
 */
public record SoakRequest(
    TrafficTarget target,
    String stage,
    double weight,
    @DurationField Duration duration,
    List<AnalysisCheck> checks,
    AnalysisSettings settings,
    long canarySinceMillis,
    boolean watch,
    Verdict shown) {}
