package io.rollwright.worker;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.rollwright.activities.notify.Notifier;
import io.rollwright.api.ReleaseEvent;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rollwright's own metrics, from the events of the releases this worker runs. Labels are bounded:
 * service, environment, outcome, rollback reason, check name and verdict; never versions or people.
 * Stage and approval durations are measured when the same worker saw both ends.
 */
public final class MicrometerNotifier implements Notifier {
  private final MeterRegistry registry;
  private final Map<String, AtomicLong> weights = new ConcurrentHashMap<>();
  private final Map<String, Long> since = new ConcurrentHashMap<>();

  public MicrometerNotifier(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public String tell(ReleaseEvent e) {
    String[] where = {"service", e.service(), "environment", e.environment()};
    switch (e.kind()) {
      case STARTED ->
          Counter.builder("rollwright.releases.started")
              .description("Releases started")
              .tags(where)
              .register(registry)
              .increment();
      case STAGE_STARTED -> {
        weight(e).set(Math.round(e.weight()));
        since.put(e.releaseId() + "/stage", e.elapsedMillis());
      }
      case STAGE_PASSED ->
          elapsed(
              e,
              "/stage",
              "rollwright.stage.duration",
              "Time from a stage's traffic change to passing its gate");
      case APPROVAL_REQUESTED -> since.put(e.releaseId() + "/approval", e.elapsedMillis());
      case APPROVAL_CLOSED ->
          elapsed(e, "/approval", "rollwright.approval.wait", "Time an approval gate stayed open");
      case FINISHED -> finished(e, where);
      case ANALYSED ->
          e.verdicts()
              .forEach(
                  r ->
                      Counter.builder("rollwright.verdicts")
                          .description("Soak analysis verdicts, by check and result")
                          .tags(where)
                          .tag("check", r.check())
                          .tag("result", r.verdict().name())
                          .register(registry)
                          .increment());
      default -> {}
    }
    return null;
  }

  private void finished(ReleaseEvent e, String[] where) {
    String outcome = e.outcome() == null ? "UNKNOWN" : e.outcome().name();
    Counter.builder("rollwright.releases.finished")
        .description("Releases finished, by outcome")
        .tags(where)
        .tag("outcome", outcome)
        .register(registry)
        .increment();
    if (e.rollbackReason() != null) {
      Counter.builder("rollwright.rollbacks")
          .description("Releases rolled back, by reason")
          .tags(where)
          .tag("reason", e.rollbackReason().name().toLowerCase(java.util.Locale.ROOT))
          .register(registry)
          .increment();
    }
    Timer.builder("rollwright.release.duration")
        .description("Release duration, by outcome")
        .tag("outcome", outcome)
        .register(registry)
        .record(Duration.ofMillis(e.elapsedMillis()));
    weight(e).set(Math.round(e.weight()));
    since.keySet().removeIf(k -> k.startsWith(e.releaseId() + "/"));
  }

  private void elapsed(ReleaseEvent e, String what, String name, String description) {
    Long start = since.remove(e.releaseId() + what);
    if (start != null) {
      Timer.builder(name)
          .description(description)
          .tags("service", e.service(), "environment", e.environment())
          .register(registry)
          .record(Duration.ofMillis(e.elapsedMillis() - start));
    }
  }

  /** The canary weight of the service's current (or last) release, in percent. */
  private AtomicLong weight(ReleaseEvent e) {
    return weights.computeIfAbsent(
        e.service() + "@" + e.environment(),
        key -> {
          AtomicLong holder = new AtomicLong();
          Gauge.builder("rollwright.release.weight", holder, AtomicLong::get)
              .description("Canary traffic weight, percent")
              .tags("service", e.service(), "environment", e.environment())
              .register(registry);
          return holder;
        });
  }
}
