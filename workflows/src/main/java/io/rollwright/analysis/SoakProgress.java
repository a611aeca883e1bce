package io.rollwright.analysis;

import java.util.List;
import java.util.Map;

/**
 * What an analysis run has done so far, carried in its heartbeats: a retry resumes where it was,
 * and front doors read the live readings from it ({@link #live()}) while the run goes on.
 *
 * @param startedAtMillis when the run began
 * @param samples how many samples it has judged
 * @param states each check's memory between samples (its sustained window, its values)
 * @param latest each check's latest reading
 * @param freshness how recent the samples behind the verdict are
 * @param gaps each gap in sampling it had to cover again
 * @param stage the stage it analyses (null in heartbeats written before live readings)
 * @param watch it watches a held canary rather than soaking
 * @param endsAtMillis when its time is over (a soak may run on to cover a sustained window)
 * @param nextSampleAtMillis when its next sample is due
 * @param sustainedMillis each check's sustained window
 * @param series the readings so far over time ({@link ReadingSeries})
 */
public record SoakProgress(
    long startedAtMillis,
    int samples,
    Map<String, CheckState> states,
    List<CheckReading> latest,
    Freshness freshness,
    List<String> gaps,
    String stage,
    boolean watch,
    long endsAtMillis,
    long nextSampleAtMillis,
    Map<String, Long> sustainedMillis,
    List<ReadingPoint> series) {
  public SoakProgress {
    series = series == null ? List.of() : List.copyOf(series);
    states = states == null ? Map.of() : Map.copyOf(states);
    latest = latest == null ? List.of() : List.copyOf(latest);
    freshness = freshness == null ? Freshness.NONE : freshness;
    gaps = gaps == null ? List.of() : List.copyOf(gaps);
    sustainedMillis = sustainedMillis == null ? Map.of() : Map.copyOf(sustainedMillis);
  }

  public SoakProgress(
      long startedAtMillis,
      int samples,
      Map<String, CheckState> states,
      List<CheckReading> latest,
      Freshness freshness,
      List<String> gaps) {
    this(
        startedAtMillis,
        samples,
        states,
        latest,
        freshness,
        gaps,
        null,
        false,
        0,
        0,
        Map.of(),
        List.of());
  }

  /** The readings as people see them while the run goes on. */
  public LiveSoak live() {
    List<LiveSoak.Check> checks =
        latest.stream()
            .map(
                r ->
                    new LiveSoak.Check(
                        r,
                        states.getOrDefault(r.check(), CheckState.FRESH).breachingSinceMillis(),
                        sustainedMillis.getOrDefault(r.check(), 0L)))
            .toList();
    return new LiveSoak(
        stage, watch, samples, checks, startedAtMillis, endsAtMillis, nextSampleAtMillis, series);
  }
}
