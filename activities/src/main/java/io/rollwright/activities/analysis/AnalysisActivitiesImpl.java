package io.rollwright.activities.analysis;

import io.rollwright.activities.ActivityClock;
import io.rollwright.activities.Registry;
import io.rollwright.activities.metrics.MetricProvider;
import io.rollwright.activities.metrics.MetricQuery;
import io.rollwright.activities.metrics.Track;
import io.rollwright.analysis.AnalysisJudge;
import io.rollwright.analysis.CheckReading;
import io.rollwright.analysis.Measurement;
import io.rollwright.analysis.Metric;
import io.rollwright.analysis.Sample;
import io.rollwright.analysis.SoakDecision;
import io.rollwright.analysis.Verdict;
import io.rollwright.analysis.Freshness;
import io.rollwright.api.AnalysisActivities;
import io.rollwright.api.SoakRequest;
import io.rollwright.api.SoakResult;
import io.rollwright.policy.AnalysisCheck;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCanceledException;
import io.temporal.client.ActivityNotExistsException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One activity per soak: sample, judge, heartbeat, sleep, until the soak is over or the judge says
 * stop. The workflow's history grows by one activity per soak, not one event per interval.
 */
public final class AnalysisActivitiesImpl implements AnalysisActivities {
  private final Registry<MetricProvider> providers;
  private final ActivityClock clock;

  public AnalysisActivitiesImpl(Registry<MetricProvider> providers, ActivityClock clock) {
    this.providers = providers;
    this.clock = clock;
  }

  @Override
  public SoakResult soak(SoakRequest request) {
    ActivityExecutionContext ctx = Activity.getExecutionContext();
    MetricProvider provider = providers.get(request.settings().provider());
    Duration interval = request.settings().interval();
    Duration window = request.checks().stream().map(AnalysisCheck::sustained).max(Duration::compareTo).orElse(Duration.ZERO);
    Verdict shown = request.shown() == null ? Verdict.PASS : request.shown();
    SoakProgress progress = ctx.getHeartbeatDetails(SoakProgress.class)
        .orElseGet(() -> new SoakProgress(clock.now(), 0, Map.of(), List.of(), Freshness.NONE, List.of()));
    AnalysisJudge judge = new AnalysisJudge(request.checks(), request.settings(), progress.states());
    long end = progress.startedAtMillis() + request.duration().toMillis();
    int samples = progress.samples();
    List<CheckReading> readings = progress.latest();
    Freshness fresh = progress.freshness();
    List<String> gaps = new ArrayList<>(progress.gaps());
    long now = clock.now();
    if (fresh.gapBefore(now, interval)) {
      gaps.add(fresh.describeGap(now, window));
      fresh = fresh.stale(now);
    }
    SoakProgress current = progress;
    while (!over(request, judge.decision(), shown, now >= end, fresh.covers(window), samples > progress.samples())) {
      sleep(ctx, Duration.ofMillis(now < end ? Math.min(interval.toMillis(), end - now) : interval.toMillis()), current);
      now = clock.now();
      if (fresh.gapBefore(now, interval)) {
        gaps.add(fresh.describeGap(now, window));
        fresh = fresh.stale(now);
      }
      readings = judge.observe(sample(provider, request, now));
      fresh = fresh.sampled(now, readings.stream().noneMatch(r -> r.verdict() == Verdict.INCONCLUSIVE), interval);
      samples++;
      current = new SoakProgress(progress.startedAtMillis(), samples, judge.states(), readings, fresh, gaps);
      heartbeat(ctx, current);
    }
    return new SoakResult(judge.decision(), readings, now - progress.startedAtMillis(), samples, gaps);
  }

  /** Heartbeats; a run whose release has ended is over as if cancelled (quietly: nobody waits for it). */
  private static void heartbeat(ActivityExecutionContext ctx, SoakProgress progress) {
    try {
      ctx.heartbeat(progress);
    } catch (ActivityNotExistsException e) {
      throw new ActivityCanceledException(ctx.getInfo());
    }
  }

  /**
   * Whether the run is over: a soak when a check stops it, or when its time is over and fresh
   * samples cover its longest sustained window; a watch when a check rolls back or the verdict differs from the one shown.
   */
  private static boolean over(SoakRequest request, SoakDecision decision, Verdict shown, boolean timeUp, boolean covered, boolean sampled) {
    if (request.watch()) {
      return sampled && (decision.rollsBack() || decision.verdict() != shown) || timeUp;
    }
    return decision.stopsSoak() || timeUp && covered;
  }

  private Map<String, Sample> sample(MetricProvider provider, SoakRequest request, long now) {
    Map<String, Sample> samples = new LinkedHashMap<>();
    Measurement requests = request.settings().minRequests() > 0
        ? read(provider, request, Metric.REQUEST_COUNT.id, null, Track.CANARY, now)
        : null;
    for (AnalysisCheck check : request.checks()) {
      samples.put(check.name(), new Sample(now,
          read(provider, request, check.metric(), check.query(), Track.CANARY, now),
          read(provider, request, check.metric(), check.query(), Track.STABLE, now),
          requests));
    }
    return samples;
  }

  private static Measurement read(MetricProvider provider, SoakRequest r, String metric, String custom, Track track, long now) {
    MetricQuery q = new MetricQuery(r.target().service(), r.target().environment(), metric, track,
        r.settings().interval(), r.canarySinceMillis(), now, custom);
    try {
      return provider.measure(q);
    } catch (RuntimeException e) {
      return Measurement.none("provider " + r.settings().provider() + " failed: " + e.getMessage());
    }
  }

  /** Sleeps {@code d} in pieces of half the heartbeat timeout, heartbeating between them: a dead worker is noticed within seconds. */
  private void sleep(ActivityExecutionContext ctx, Duration d, SoakProgress current) {
    Duration hb = ctx.getInfo().getHeartbeatTimeout();
    Duration piece = hb.isZero() ? d : hb.dividedBy(2);
    try {
      Duration left = d;
      while (left.compareTo(piece) > 0) {
        clock.sleep(piece);
        heartbeat(ctx, current);
        left = left.minus(piece);
      }
      clock.sleep(left);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure("soak interrupted", "Interrupted");
    }
  }
}
