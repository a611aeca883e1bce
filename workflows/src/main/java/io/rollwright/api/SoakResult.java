package io.rollwright.api;

import io.rollwright.analysis.CheckReading;
import io.rollwright.analysis.SoakDecision;
import java.util.List;

/** How a soak ended: its decision, the latest readings, how long it ran and how many samples it took. */
public record SoakResult(SoakDecision decision, List<CheckReading> readings, long elapsedMillis, int samples) {}
