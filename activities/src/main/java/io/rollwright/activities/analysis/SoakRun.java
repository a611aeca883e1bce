package io.rollwright.activities.analysis;

import io.rollwright.analysis.AnalysisJudge;
import io.rollwright.analysis.CheckReading;
import io.rollwright.analysis.Freshness;
import io.rollwright.analysis.ReadingPoint;
import io.rollwright.analysis.ReadingSeries;
import io.rollwright.analysis.Sample;
import io.rollwright.analysis.SoakDecision;
import io.rollwright.analysis.SoakProgress;
import io.rollwright.analysis.Verdict;
import io.rollwright.api.SoakRequest;
import io.rollwright.api.SoakResult;
import io.rollwright.policy.AnalysisCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One analysis run as a process in time, with no clock or I/O of its own: whoever drives it says
 * what time it is and brings the samples. It begins from its last heartbeat when it resumes after a
 * worker was lost, noting the gap. A soak ends when a check stops it, or when its time is over and
 * fresh samples cover its longest sustained window; a watch ends when a check rolls back, when the
 * verdict differs from the one the release shows, or when its time is over.
 */
public final class SoakRun {
  private final SoakRequest request;
  private final AnalysisJudge judge;
  private final long startedAt;
  private final int resumedAt;
  private final long end;
  private final Duration interval;
  private final Duration window;
  private final Verdict shown;
  private final List<String> gaps;
  private final Map<String, Long> sustained = new LinkedHashMap<>();
  private int samples;
  private List<CheckReading> readings;
  private List<ReadingPoint> series;
  private Freshness fresh;
  private long nextSampleAt;

  /**
   * The run of {@code request} at {@code now}, from {@code carried} (its last heartbeat) or from
   * the start when null.
   */
  public SoakRun(SoakRequest request, SoakProgress carried, long now) {
    this.request = request;
    SoakProgress progress =
        carried != null
            ? carried
            : new SoakProgress(now, 0, Map.of(), List.of(), Freshness.NONE, List.of());
    judge = new AnalysisJudge(request.checks(), request.settings(), progress.states());
    startedAt = progress.startedAtMillis();
    resumedAt = progress.samples();
    end = startedAt + request.duration().toMillis();
    interval = request.settings().interval();
    window =
        request.checks().stream()
            .map(AnalysisCheck::sustained)
            .max(Duration::compareTo)
            .orElse(Duration.ZERO);
    shown = request.shown() == null ? Verdict.PASS : request.shown();
    request.checks().forEach(c -> sustained.put(c.name(), c.sustained().toMillis()));
    samples = progress.samples();
    readings = progress.latest();
    series = progress.series();
    fresh = progress.freshness();
    gaps = new ArrayList<>(progress.gaps());
    noteGap(now);
    boolean overdue = carried != null && fresh.lastSampleAtMillis() + interval.toMillis() <= now;
    nextSampleAt = overdue ? now : next(now);
  }

  /** Whether the run is over at {@code now} (see the class comment). */
  public boolean over(long now) {
    SoakDecision decision = judge.decision();
    if (request.watch()) {
      return (samples > resumedAt && (decision.rollsBack() || decision.verdict() != shown))
          || now >= end;
    }
    return decision.stopsSoak() || (now >= end && fresh.covers(window));
  }

  /**
   * When the next sample is due: one interval after the last (or the start), or the end of the soak
   * if sooner; at once for a run resumed (on another worker) more than an interval after its last.
   */
  public long nextSampleAt() {
    return nextSampleAt;
  }

  /** Judges the samples taken at {@code now}. */
  public void observe(long now, Map<String, Sample> taken) {
    noteGap(now);
    readings = judge.observe(taken);
    series = ReadingSeries.append(series, readings);
    fresh =
        fresh.sampled(
            now, readings.stream().noneMatch(r -> r.verdict() == Verdict.INCONCLUSIVE), interval);
    samples++;
    nextSampleAt = next(now);
  }

  /** What to heartbeat: everything a resumed run needs, and the live readings. */
  public SoakProgress progress() {
    return new SoakProgress(
        startedAt,
        samples,
        judge.states(),
        readings,
        fresh,
        gaps,
        request.stage(),
        request.watch(),
        end,
        nextSampleAt,
        sustained,
        series);
  }

  /** How the run ended, at {@code now}. */
  public SoakResult result(long now) {
    return new SoakResult(judge.decision(), readings, now - startedAt, samples, gaps, series);
  }

  public SoakRequest request() {
    return request;
  }

  private long next(long now) {
    return now + (now < end ? Math.min(interval.toMillis(), end - now) : interval.toMillis());
  }

  private void noteGap(long now) {
    if (fresh.gapBefore(now, interval)) {
      gaps.add(fresh.describeGap(now, window));
      fresh = fresh.stale(now);
    }
  }
}
