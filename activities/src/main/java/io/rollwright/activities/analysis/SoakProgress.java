package io.rollwright.activities.analysis;

import io.rollwright.analysis.CheckReading;
import io.rollwright.analysis.CheckState;
import io.rollwright.analysis.Freshness;
import java.util.List;
import java.util.Map;

/** What a soak has done so far, carried in its heartbeats so a retry resumes where it was. */
public record SoakProgress(long startedAtMillis, int samples, Map<String, CheckState> states, List<CheckReading> latest,
    Freshness freshness, List<String> gaps) {
  public SoakProgress {
    freshness = freshness == null ? Freshness.NONE : freshness;
    gaps = gaps == null ? List.of() : List.copyOf(gaps);
  }
}
