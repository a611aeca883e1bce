package io.rollwright.activities.analysis;

import io.rollwright.activities.base.Registry;
import io.rollwright.activities.metrics.MetricProvider;
import io.rollwright.activities.metrics.MetricQuery;
import io.rollwright.activities.metrics.Track;
import io.rollwright.analysis.Measurement;
import io.rollwright.analysis.Sample;
import io.rollwright.analysis.SoakProgress;
import io.rollwright.api.SoakRequest;
import io.rollwright.policy.AnalysisCheck;
import io.rollwright.policy.Metric;
import io.temporal.activity.ActivityExecutionContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Takes one sample of a soak's checks from its metric provider: canary and stable, and the request
 * count when a minimum is set.
 */
final class SoakSampler {
  private final Registry<MetricProvider> providers;

  SoakSampler(Registry<MetricProvider> providers) {
    this.providers = providers;
  }

  /**
   * The run of {@code request} at {@code now}: resumed from the activity's last heartbeat when it
   * is a retry.
   */
  static SoakRun begin(ActivityExecutionContext ctx, SoakRequest request, long now) {
    return new SoakRun(request, ctx.getHeartbeatDetails(SoakProgress.class).orElse(null), now);
  }

  /** The provider a soak reads; an unknown one is refused when the run begins. */
  MetricProvider provider(SoakRequest request) {
    return providers.get(request.settings().provider());
  }

  /**
   * Each check's sample at {@code now}; a provider's failure is a missing measurement, judged
   * inconclusive.
   */
  Map<String, Sample> sample(MetricProvider provider, SoakRequest request, long now) {
    Map<String, Sample> samples = new LinkedHashMap<>();
    Measurement requests =
        request.settings().minRequests() > 0
            ? read(provider, request, Metric.REQUEST_COUNT.id, null, Track.CANARY, now)
            : null;
    for (AnalysisCheck check : request.checks()) {
      samples.put(
          check.name(),
          new Sample(
              now,
              read(provider, request, check.metric(), check.query(), Track.CANARY, now),
              read(provider, request, check.metric(), check.query(), Track.STABLE, now),
              requests));
    }
    return samples;
  }

  private static Measurement read(
      MetricProvider provider, SoakRequest r, String metric, String custom, Track track, long now) {
    MetricQuery q =
        new MetricQuery(
            r.target().service(),
            r.target().environment(),
            metric,
            track,
            r.settings().interval(),
            r.canarySinceMillis(),
            now,
            custom);
    try {
      return provider.measure(q);
    } catch (RuntimeException e) {
      return Measurement.none("provider " + r.settings().provider() + " failed: " + e.getMessage());
    }
  }
}
