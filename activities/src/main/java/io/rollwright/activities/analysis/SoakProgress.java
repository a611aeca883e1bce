package io.rollwright.activities.analysis;

import io.rollwright.analysis.CheckReading;
import io.rollwright.analysis.CheckState;
import java.util.List;
import java.util.Map;

/** What a soak has done so far, carried in its heartbeats so a retry resumes where it was. */
public record SoakProgress(long startedAtMillis, int samples, Map<String, CheckState> states, List<CheckReading> latest) {}
