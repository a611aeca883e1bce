package io.rollwright.system;

import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.ReleaseSearchAttributes;
import io.rollwright.client.ReleaseStarter;
import io.rollwright.policy.Strategy;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The {@code bench/soak-capacity} benchmark: N releases soaking at once on one worker against the
 * real dev server (each sampling every 10 s from the sandbox), for some minutes, with soaks on the
 * shared scheduler and, for comparison, each on a thread of its own; then a kill -9 of one of two
 * workers. Each phase has a dev server of its own.
 */
@EnabledIfSystemProperty(named = "rollwright.bench", matches = "true")
class SoakCapacityBenchmark extends RealServerTest {
  private static final Duration UP = Duration.ofMinutes(2);
  private static final Duration INTERVAL = Duration.ofSeconds(10);
  private static final double MINUTES =
      Double.parseDouble(System.getProperty("rollwright.bench.minutes", "5"));

  @Test
  @Timeout(value = 3, unit = TimeUnit.HOURS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void soakingReleases() throws Exception {
    Map<String, Map<String, Double>> phases = new LinkedHashMap<>();
    for (int n : sizes("rollwright.bench.baseline", "200,1000")) {
      phases.put("threads_" + n, phase("threads", n));
    }
    int largest = 0;
    for (int n : sizes("rollwright.bench.sizes", "1000,2000,5000")) {
      Map<String, Double> figures = phase("scheduled", n);
      phases.put("scheduled_" + n, figures);
      if (figures.get("sample_lag_p99_s") < INTERVAL.toSeconds()
          && figures.get("worker_heap_mib") < 1024
          && figures.get("samples_per_s") >= 0.9 * n / INTERVAL.toSeconds()) {
        largest = Math.max(largest, n);
      }
    }
    double takeover = takeover(Integer.getInteger("rollwright.bench.takeover", 1000));
    phases.forEach(
        (phase, figures) ->
            figures.forEach(
                (name, value) ->
                    System.out.println(
                        String.format(Locale.ROOT, "%s_%s: %s", phase, name, format(value)))));
    Map<String, Double> best = phases.getOrDefault("scheduled_" + largest, Map.of());
    best.forEach(
        (name, value) ->
            System.out.println(String.format(Locale.ROOT, "%s: %s", name, format(value))));
    System.out.println("largest_n_meeting_goals: " + largest);
    System.out.println(String.format(Locale.ROOT, "takeover_s: %.1f", takeover));
  }

  /**
   * N releases soaking on one worker whose soaks run {@code mode}, measured for {@link #MINUTES}.
   */
  private static Map<String, Double> phase(String mode, int n) throws Exception {
    String env = mode.charAt(0) + String.valueOf(n);
    try (TemporalDevServer temporal = TemporalDevServer.start(dir.resolve("server-" + env));
        AppProcess worker =
            AppProcess.worker(
                    temporal, journal(), dir.resolve("worker-" + env + ".log"), settings(mode))
                .awaitUp(UP)) {
      WorkflowClient client = temporal.client();
      startAll(client, env, n);
      awaitSoaking(client, env, n);
      Thread.sleep(INTERVAL.toMillis());
      List<String> sample =
          IntStream.range(0, Math.min(n, 20)).mapToObj(i -> "cap-" + i + "@" + env).toList();
      long events = events(client, sample);
      double samples = WorkerProbe.metric(worker, "rollwright_soak_sample_lag_seconds_count", "");
      long began = System.nanoTime();
      Thread.sleep((long) (MINUTES * 60_000));
      double hours = (System.nanoTime() - began) / 3.6e12;
      Map<String, Double> figures = new LinkedHashMap<>();
      figures.put("soaking_releases", (double) soaking(client, env));
      figures.put(
          "samples_per_s",
          (WorkerProbe.metric(worker, "rollwright_soak_sample_lag_seconds_count", "") - samples)
              / (hours * 3600));
      figures.put(
          "sample_lag_p50_s",
          WorkerProbe.metric(worker, "rollwright_soak_sample_lag_seconds", "quantile=\"0.5\""));
      figures.put(
          "sample_lag_p99_s",
          WorkerProbe.metric(worker, "rollwright_soak_sample_lag_seconds", "quantile=\"0.99\""));
      figures.put(
          "history_events_per_release_hour",
          (events(client, sample) - events) / (double) sample.size() / hours);
      figures.put("worker_threads", WorkerProbe.metric(worker, "jvm_threads_live_threads", ""));
      figures.put("worker_heap_mib", (double) WorkerProbe.heapAfterGcMiB(worker.pid()));
      return figures;
    }
  }

  /**
   * Seconds from a kill -9 of one of two workers until every soak it sampled is sampled again by
   * the other.
   */
  private static double takeover(int n) throws Exception {
    String env = "k" + n;
    try (TemporalDevServer temporal = TemporalDevServer.start(dir.resolve("server-" + env));
        AppProcess a =
            AppProcess.worker(
                    temporal,
                    journal(),
                    dir.resolve("worker-" + env + "-a.log"),
                    settings("scheduled"))
                .awaitUp(UP);
        AppProcess b =
            AppProcess.worker(
                    temporal,
                    journal(),
                    dir.resolve("worker-" + env + "-b.log"),
                    settings("scheduled"))
                .awaitUp(UP)) {
      WorkflowClient client = temporal.client();
      startAll(client, env, n);
      awaitSoaking(client, env, n);
      Thread.sleep(INTERVAL.toMillis());
      List<String> onA =
          IntStream.range(0, Math.min(n, 100))
              .mapToObj(i -> "cap-" + i + "@" + env)
              .filter(
                  id -> soak(client, id).map(p -> a.is(p.getLastWorkerIdentity())).orElse(false))
              .toList();
      a.kill9();
      long killed = System.currentTimeMillis();
      for (String id : onA) {
        await(
            "the soak of " + id + " sampled again",
            Duration.ofMinutes(5),
            () ->
                soak(client, id)
                    .map(
                        p ->
                            b.is(p.getLastWorkerIdentity())
                                && p.getLastHeartbeatTime().getSeconds() * 1000 > killed)
                    .orElse(false));
      }
      return (System.currentTimeMillis() - killed) / 1000.0;
    }
  }

  private static String[] settings(String mode) {
    String threads = System.getProperty("rollwright.bench.threads");
    return threads == null
        ? new String[] {"--rollwright.analysis.soaks=" + mode, "--rollwright.guard.enabled=false"}
        : new String[] {
          "--rollwright.analysis.soaks=" + mode,
          "--rollwright.guard.enabled=false",
          "--rollwright.analysis.threads=" + threads
        };
  }

  private static void startAll(WorkflowClient client, String env, int n) throws Exception {
    ReleaseStarter starter = new ReleaseStarter(client);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<Future<?>> starts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ReleaseRequest request =
          new ReleaseRequest(
              "cap-" + i,
              "2.3.0",
              "registry.example/cap:2.3.0",
              env,
              Strategy.CANARY,
              "soak-capacity",
              null,
              "alice",
              null,
              null);
      starts.add(pool.submit(() -> starter.start(request)));
    }
    for (Future<?> f : starts) {
      f.get();
    }
    pool.shutdown();
  }

  private static void awaitSoaking(WorkflowClient client, String env, int n)
      throws InterruptedException {
    await(
        n + " releases soaking in " + env, Duration.ofMinutes(30), () -> soaking(client, env) >= n);
  }

  private static long soaking(WorkflowClient client, String env) {
    return client
        .countWorkflows(
            ReleaseSearchAttributes.ENVIRONMENT.getName()
                + " = '"
                + env
                + "' AND "
                + ReleaseSearchAttributes.STATUS.getName()
                + " = 'SOAKING'")
        .getCount();
  }

  private static long events(WorkflowClient client, List<String> ids) {
    return ids.stream()
        .mapToLong(id -> client.fetchHistory(id).getHistory().getEventsCount())
        .sum();
  }

  private static java.util.Optional<PendingActivityInfo> soak(WorkflowClient client, String id) {
    return describe(client, id).getPendingActivitiesList().stream()
        .filter(p -> p.getActivityType().getName().equals("Soak"))
        .findFirst();
  }

  private static int[] sizes(String property, String defaults) {
    String value = System.getProperty(property, defaults).trim();
    return value.isEmpty()
        ? new int[0]
        : Arrays.stream(value.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
  }

  private static String format(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e12
        ? String.valueOf((long) value)
        : String.format(Locale.ROOT, "%.3f", value);
  }
}
