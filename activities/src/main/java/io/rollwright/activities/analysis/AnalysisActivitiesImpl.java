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
import io.rollwright.api.AnalysisActivities;
import io.rollwright.api.SoakRequest;
import io.rollwright.api.SoakResult;
import io.rollwright.policy.AnalysisCheck;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
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
    SoakProgress progress = ctx.getHeartbeatDetails(SoakProgress.class)
        .orElseGet(() -> new SoakProgress(clock.now(), 0, Map.of(), List.of()));
    AnalysisJudge judge = new AnalysisJudge(request.checks(), request.settings(), progress.states());
    long end = progress.startedAtMillis() + request.duration().toMillis();
    int samples = progress.samples();
    List<CheckReading> readings = progress.latest();
    long now = clock.now();
    while (now < end && !judge.decision().stopsSoak()) {
      sleep(Duration.ofMillis(Math.min(request.settings().interval().toMillis(), end - now)));
      now = clock.now();
      readings = judge.observe(sample(provider, request, now));
      samples++;
      ctx.heartbeat(new SoakProgress(progress.startedAtMillis(), samples, judge.states(), readings));
    }
    return new SoakResult(judge.decision(), readings, now - progress.startedAtMillis(), samples);
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

  private void sleep(Duration d) {
    try {
      clock.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure("soak interrupted", "Interrupted");
    }
  }
}
