package io.rollwright.activities.analysis;

import io.rollwright.activities.base.ActivityClock;
import io.rollwright.activities.base.Registry;
import io.rollwright.activities.metrics.MetricProvider;
import io.rollwright.api.AnalysisActivities;
import io.rollwright.api.SoakRequest;
import io.rollwright.api.SoakResult;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCanceledException;
import io.temporal.client.ActivityCompletionClient;
import io.temporal.client.ActivityCompletionException;
import io.temporal.client.ActivityCompletionFailureException;
import io.temporal.client.ActivityNotExistsException;
import io.temporal.client.ActivityPausedException;
import io.temporal.client.ActivityResetException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Soaks that hold no thread and no activity slot while they wait: the activity hands its run to a
 * shared scheduler and returns without completing. A few threads then sample each run when it is
 * due, heartbeat its progress (the live readings, and what another worker resumes from), and
 * complete the activity when the run is over. A cancelled run learns it at its next heartbeat. A
 * worker that dies stops heartbeating: after the heartbeat timeout the server retries the run on
 * another worker, which resumes from the last heartbeat. A worker that stops fails its runs at
 * once, so another takes them over without waiting for the timeout.
 */
public final class ScheduledSoakActivities implements AnalysisActivities, AutoCloseable {
  /** The failure type of a run handed back because its worker is stopping (retried elsewhere). */
  public static final String WORKER_STOPPING = "WorkerStopping";

  private static final Logger log = LoggerFactory.getLogger(ScheduledSoakActivities.class);

  private final SoakSampler sampler;
  private final ActivityClock clock;
  private final Supplier<ActivityCompletionClient> completionClient;
  private volatile ActivityCompletionClient completions;
  private final ScheduledExecutorService scheduler;
  private final LongConsumer lag;
  private final Map<Long, Soak> soaks = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();

  /**
   * One run handed to the scheduler: its activity's task token, and how often it must heartbeat.
   */
  private static final class Soak {
    private final long id;
    private final byte[] token;
    private final SoakRun run;
    private final MetricProvider provider;
    private final long keepAliveMillis;

    Soak(long id, byte[] token, SoakRun run, MetricProvider provider, long keepAliveMillis) {
      this.id = id;
      this.token = token.clone();
      this.run = run;
      this.provider = provider;
      this.keepAliveMillis = keepAliveMillis;
    }

    long id() {
      return id;
    }

    byte[] token() {
      return token.clone();
    }

    SoakRun run() {
      return run;
    }

    MetricProvider provider() {
      return provider;
    }

    long keepAliveMillis() {
      return keepAliveMillis;
    }
  }

  /**
   * {@code clock} must be the wall clock (the scheduler waits in real time); {@code completions}
   * gives the client that heartbeats and completes runs (asked for at the first soak); {@code
   * threads} sample and heartbeat; {@code lag} is told, for each sample, how many milliseconds past
   * its due time it ran.
   */
  public ScheduledSoakActivities(
      Registry<MetricProvider> providers,
      ActivityClock clock,
      Supplier<ActivityCompletionClient> completions,
      int threads,
      LongConsumer lag) {
    this.sampler = new SoakSampler(providers);
    this.clock = clock;
    this.completionClient = completions;
    this.lag = lag;
    this.scheduler =
        Executors.newScheduledThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "rollwright-soak");
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public SoakResult soak(SoakRequest request) {
    ActivityExecutionContext ctx = Activity.getExecutionContext();
    MetricProvider provider = sampler.provider(request);
    long now = clock.now();
    SoakRun run = SoakSampler.begin(ctx, request, now);
    if (run.over(now)) {
      return run.result(now);
    }
    Duration hb = ctx.getInfo().getHeartbeatTimeout();
    Soak soak =
        new Soak(
            ids.incrementAndGet(),
            ctx.getTaskToken(),
            run,
            provider,
            hb.isZero() ? Long.MAX_VALUE : hb.toMillis() / 2);
    if (completions == null) {
      completions = completionClient.get();
    }
    ctx.doNotCompleteOnReturn();
    soaks.put(soak.id(), soak);
    next(soak, now);
    return null;
  }

  /** How many runs this worker is analysing now. */
  public int soaking() {
    return soaks.size();
  }

  private void next(Soak s, long now) {
    long at = Math.min(s.run().nextSampleAt(), now + s.keepAliveMillis());
    // tick() hands every failure to ended(): nothing is left in the future to read
    Future<?> unused =
        scheduler.schedule(() -> tick(s), Math.max(0, at - now), TimeUnit.MILLISECONDS);
  }

  /**
   * Samples the run when due, then completes it when it is over, else heartbeats and waits again.
   */
  private void tick(Soak s) {
    try {
      long now = clock.now();
      long due = s.run().nextSampleAt();
      if (now >= due) {
        lag.accept(now - due);
        s.run().observe(now, sampler.sample(s.provider(), s.run().request(), now));
      }
      if (s.run().over(now)) {
        soaks.remove(s.id());
        completions.complete(s.token(), s.run().result(now));
        return;
      }
      completions.heartbeat(s.token(), s.run().progress());
      next(s, now);
    } catch (RuntimeException e) {
      ended(s, e);
    }
  }

  /**
   * A heartbeat or completion failed: the run was cancelled (reported, as the server waits for it),
   * is gone (its release ended, or it was retried elsewhere), paused or reset by an operator (the
   * server starts it again when it is to run), or the server did not take it (tried again at the
   * next tick; the heartbeat timeout decides).
   */
  private void ended(Soak s, RuntimeException e) {
    // the client wraps what the server answered a heartbeat in a completion failure
    Throwable why =
        e instanceof ActivityCompletionFailureException
                && e.getCause() instanceof ActivityCompletionException c
            ? c
            : e;
    if (why instanceof ActivityCanceledException) {
      soaks.remove(s.id());
      completions.reportCancellation(s.token(), null);
    } else if (why instanceof ActivityNotExistsException
        || why instanceof ActivityPausedException
        || why instanceof ActivityResetException) {
      soaks.remove(s.id());
    } else {
      log.warn(
          "soak of {}: {}",
          s.run().request().target().releaseId(),
          why.getCause() != null ? why.getCause().toString() : why.toString());
      if (soaks.containsKey(s.id())) {
        next(s, clock.now());
      }
    }
  }

  /**
   * Stops sampling and hands every run back to the server, which retries it on another worker at
   * once.
   */
  @Override
  public void close() {
    scheduler.shutdownNow();
    for (Soak s : soaks.values()) {
      try {
        completions.completeExceptionally(
            s.token(),
            ApplicationFailure.newFailure(
                "the worker analysing this stage stopped; another resumes it", WORKER_STOPPING));
      } catch (RuntimeException e) {
        log.warn(
            "soak of {} not handed back: {}", s.run().request().target().releaseId(), e.toString());
      }
    }
    soaks.clear();
  }
}
