package io.rollwright.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rollwright.api.ApprovalDecision;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.ReleaseSearchAttributes;
import io.rollwright.api.ReleaseWorkflow;
import io.rollwright.client.DeliveryReport;
import io.rollwright.client.ReleaseHistory;
import io.rollwright.client.ReleaseRecord;
import io.rollwright.client.ReleaseStarter;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The {@code bench/capacity} benchmark: N releases park at an approval gate on one worker process
 * against the real dev server; their approvals are delivered later; every one must be promoted.
 */
@EnabledIfSystemProperty(named = "rollwright.bench", matches = "true")
class CapacityBenchmark extends RealServerTest {
  private static final int N = Integer.getInteger("rollwright.bench.releases", 1000);

  @Test
  void parkedReleases() throws Exception {
    try (AppProcess worker = worker("capacity", "--rollwright.kill-switch=false")) {
      WorkflowClient client = server.client();
      ReleaseStarter starter = new ReleaseStarter(client);
      ExecutorService pool = Executors.newFixedThreadPool(8);
      long began = System.nanoTime();
      List<Future<?>> starts = new ArrayList<>();
      for (int i = 0; i < N; i++) {
        String service = "svc-" + i;
        starts.add(pool.submit(() -> starter.start(request(service, "park"))));
      }
      for (Future<?> f : starts) {
        f.get();
      }
      double startRate = N / ((System.nanoTime() - began) / 1e9);

      String parked = ReleaseSearchAttributes.STATUS.getName() + " = 'AWAITING_APPROVAL'";
      await(
          N + " releases parked at their gate",
          Duration.ofMinutes(8),
          () -> client.countWorkflows(parked).getCount() >= N);
      long heapMiB = WorkerProbe.heapAfterGcMiB(worker.pid());

      List<Future<ReleaseResult>> results = new ArrayList<>();
      for (int i = 0; i < N; i++) {
        String id = "svc-" + i + "@prod";
        results.add(
            pool.submit(
                () -> {
                  client
                      .newWorkflowStub(ReleaseWorkflow.class, id)
                      .approve(new ApprovalDecision("bob", "capacity"));
                  return result(id, Duration.ofMinutes(8));
                }));
      }
      int promoted = 0;
      for (Future<ReleaseResult> r : results) {
        promoted += r.get().outcome() == ReleaseOutcome.PROMOTED ? 1 : 0;
      }
      pool.shutdown();

      String closed = "WorkflowType = 'ReleaseWorkflow' AND ExecutionStatus = 'Completed'";
      await(
          N + " releases closed in visibility",
          Duration.ofMinutes(2),
          () -> client.countWorkflows(closed).getCount() >= N);
      long listing = System.nanoTime();
      List<ReleaseRecord> history =
          new ReleaseHistory(client).list(null, "prod", Instant.now().minus(Duration.ofDays(1)));
      DeliveryReport figures =
          DeliveryReport.of(history, Instant.now().minus(Duration.ofDays(1)), Instant.now());
      double listSeconds = (System.nanoTime() - listing) / 1e9;

      System.out.println("parked releases: " + N);
      System.out.println("worker heap MiB: " + heapMiB);
      System.out.println("approvals lost: " + (N - promoted));
      System.out.println(String.format(Locale.ROOT, "release start rate per s: %.1f", startRate));
      System.out.println(
          String.format(
              Locale.ROOT,
              "history and dora over %d releases s: %.2f",
              history.size(),
              listSeconds));
      assertEquals(N, promoted);
      assertEquals(N, figures.promoted());
    }
  }
}
