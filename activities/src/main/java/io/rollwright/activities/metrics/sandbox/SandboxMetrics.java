package io.rollwright.activities.metrics.sandbox;

import io.rollwright.activities.base.ActivityClock;
import io.rollwright.activities.metrics.MetricProvider;
import io.rollwright.activities.metrics.MetricQuery;
import io.rollwright.activities.metrics.Track;
import io.rollwright.analysis.Measurement;
import io.rollwright.policy.Metric;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Synthetic metrics: healthy defaults for every service and track, overridden per service, track
 * and metric (a known metric, or a custom check's name) by a {@link MetricScript} (e.g. canary
 * errors rising to 18% after 20 seconds). {@code success-rate} follows {@code error-rate} unless
 * scripted itself. Each read can be made to take a while, as a slow metrics backend would.
 */
public final class SandboxMetrics implements MetricProvider {
  private static final Map<String, Double> HEALTHY =
      Map.of(
          Metric.ERROR_RATE.id, 0.002,
          Metric.LATENCY_P50.id, 40.0,
          Metric.LATENCY_P95.id, 120.0,
          Metric.LATENCY_P99.id, 250.0,
          Metric.REQUEST_COUNT.id, 600.0,
          Metric.QUALITY_SCORE.id, 0.92,
          Metric.UP.id, 1.0);

  private final Map<String, MetricScript> scripts = new ConcurrentHashMap<>();
  private final ActivityClock clock;
  private final Duration delay;

  /** Metrics that answer at once. */
  public SandboxMetrics() {
    this(null, Duration.ZERO);
  }

  /** Metrics each of whose reads waits {@code delay} on {@code clock} first. */
  public SandboxMetrics(ActivityClock clock, Duration delay) {
    this.clock = clock;
    this.delay = delay == null ? Duration.ZERO : delay;
  }

  /**
   * Scripts one metric of one track of a service ({@code checkout}), or of its release to one
   * environment ({@code checkout@prod-eu}), which comes first.
   */
  public SandboxMetrics script(String service, Track track, String metric, String script) {
    scripts.put(key(service, track, metric), MetricScript.parse(script));
    return this;
  }

  @Override
  public Measurement measure(MetricQuery q) {
    if (!delay.isZero()) {
      try {
        clock.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("sandbox metric read interrupted", e);
      }
    }
    return read(q);
  }

  private Measurement read(MetricQuery q) {
    long elapsed =
        q.canarySinceMillis() == 0 ? 0 : Math.max(0, q.atMillis() - q.canarySinceMillis());
    MetricScript script =
        scripts.getOrDefault(
            key(q.service() + "@" + q.environment(), q.track(), q.metric()),
            scripts.get(key(q.service(), q.track(), q.metric())));
    if (script == null && q.metric().equals(Metric.SUCCESS_RATE.id)) {
      Measurement errors =
          read(
              new MetricQuery(
                  q.service(),
                  q.environment(),
                  Metric.ERROR_RATE.id,
                  q.track(),
                  q.window(),
                  q.canarySinceMillis(),
                  q.atMillis()));
      return errors.present() ? Measurement.of(1 - errors.value()) : errors;
    }
    if (script == null) {
      Double healthy = HEALTHY.get(q.metric());
      return healthy == null
          ? Measurement.none("no such metric in the sandbox")
          : Measurement.of(healthy);
    }
    MetricScript.Step step = script.at(elapsed);
    if (step.down()) {
      throw new IllegalStateException("sandbox metrics provider is down (scripted)");
    }
    return Double.isNaN(step.value())
        ? Measurement.none("no data (scripted)")
        : Measurement.of(step.value());
  }

  private static String key(String service, Track track, String metric) {
    return service + "/" + track + "/" + metric;
  }
}
