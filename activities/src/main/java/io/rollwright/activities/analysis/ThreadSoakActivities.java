package io.rollwright.activities.analysis;

import io.rollwright.activities.base.ActivityClock;
import io.rollwright.activities.base.Registry;
import io.rollwright.activities.metrics.MetricProvider;
import io.rollwright.analysis.SoakProgress;
import io.rollwright.api.AnalysisActivities;
import io.rollwright.api.SoakRequest;
import io.rollwright.api.SoakResult;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCanceledException;
import io.temporal.client.ActivityNotExistsException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.function.LongConsumer;

/**
 * Soaks that each hold an activity slot and a thread while they sleep between samples: sample,
 * judge, heartbeat, sleep. Used where the activity clock is not the wall clock (time-skipping tests
 * sleep on the test server's clock); a worker runs {@link ScheduledSoakActivities}.
 */
public final class ThreadSoakActivities implements AnalysisActivities {
  private final SoakSampler sampler;
  private final ActivityClock clock;
  private final LongConsumer lag;

  public ThreadSoakActivities(Registry<MetricProvider> providers, ActivityClock clock) {
    this(providers, clock, millis -> {});
  }

  /** {@code lag} is told, for each sample, how many milliseconds past its due time it ran. */
  public ThreadSoakActivities(
      Registry<MetricProvider> providers, ActivityClock clock, LongConsumer lag) {
    this.sampler = new SoakSampler(providers);
    this.clock = clock;
    this.lag = lag;
  }

  @Override
  public SoakResult soak(SoakRequest request) {
    ActivityExecutionContext ctx = Activity.getExecutionContext();
    MetricProvider provider = sampler.provider(request);
    long now = clock.now();
    SoakRun run = SoakSampler.begin(ctx, request, now);
    while (!run.over(now)) {
      sleep(ctx, Duration.ofMillis(Math.max(0, run.nextSampleAt() - now)), run.progress());
      now = clock.now();
      lag.accept(Math.max(0, now - run.nextSampleAt()));
      run.observe(now, sampler.sample(provider, request, now));
      heartbeat(ctx, run.progress());
    }
    return run.result(now);
  }

  /**
   * Heartbeats; a run whose release has ended is over as if cancelled (quietly: nobody waits for
   * it).
   */
  private static void heartbeat(ActivityExecutionContext ctx, SoakProgress progress) {
    try {
      ctx.heartbeat(progress);
    } catch (ActivityNotExistsException e) {
      throw new ActivityCanceledException(ctx.getInfo());
    }
  }

  /**
   * Sleeps {@code d} in pieces of half the heartbeat timeout, heartbeating between them: a dead
   * worker is noticed within seconds.
   */
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
