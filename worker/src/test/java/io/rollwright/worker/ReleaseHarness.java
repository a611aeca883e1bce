package io.rollwright.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rollwright.activities.ExtensionSet;
import io.rollwright.activities.ReleaseActivities;
import io.rollwright.activities.base.ActivityClock;
import io.rollwright.activities.notify.Notifier;
import io.rollwright.activities.policy.ClasspathPolicyFiles;
import io.rollwright.activities.policy.PolicyActivitiesImpl;
import io.rollwright.activities.preflight.ConfirmCheck;
import io.rollwright.activities.preflight.PreflightCheck;
import io.rollwright.activities.preflight.WebhookCheck;
import io.rollwright.activities.sandbox.Sandbox;
import io.rollwright.activities.traffic.TrafficRouter;
import io.rollwright.activities.traffic.WorkloadManager;
import io.rollwright.activities.traffic.sandbox.SandboxCluster;
import io.rollwright.activities.webhook.WebhookCaller;
import io.rollwright.api.LedgerActivities;
import io.rollwright.api.LedgerEntry;
import io.rollwright.api.ReleaseEvent;
import io.rollwright.api.ReleaseIds;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleasePayloads;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.ReleaseSearchAttributes;
import io.rollwright.api.ReleaseWorkflow;
import io.rollwright.policy.Strategy;
import io.rollwright.worker.killswitch.TemporalKillSwitchActivities;
import io.rollwright.worker.killswitch.TemporalKillSwitches;
import io.rollwright.workflow.KillSwitchWorkflowImpl;
import io.rollwright.workflow.ReleaseWorkflowImpl;
import io.rollwright.workflow.TrainWorkflowImpl;
import io.rollwright.workflow.UnreadableRequestInterceptor;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A time-skipping Temporal test service with the real workflow and the real activities on the
 * sandbox, the test server's clock driving the soaks.
 */
public final class ReleaseHarness {
  /**
   * Heartbeats, and with them cancellations, go to the test server without the usual real-time
   * throttle.
   */
  static TestWorkflowExtension extension() {
    return extension(null);
  }

  /** The same, its clock starting at {@code initialTime} (null: now). */
  static TestWorkflowExtension extension(Instant initialTime) {
    TestWorkflowExtension.Builder builder =
        TestWorkflowExtension.newBuilder()
            .registerWorkflowImplementationTypes(
                ReleaseWorkflowImpl.class, KillSwitchWorkflowImpl.class, TrainWorkflowImpl.class)
            .setWorkerFactoryOptions(
                WorkerFactoryOptions.newBuilder()
                    .setWorkerInterceptors(new UnreadableRequestInterceptor())
                    .build())
            .setWorkerOptions(
                WorkerOptions.newBuilder()
                    .setMaxHeartbeatThrottleInterval(Duration.ofMillis(1))
                    .build())
            .setWorkflowClientOptions(
                WorkflowClientOptions.newBuilder()
                    .setDataConverter(ReleasePayloads.converter())
                    .build())
            .setDoNotStart(true);
    ReleaseSearchAttributes.all().forEach(builder::registerSearchAttribute);
    if (initialTime != null) {
      builder.setInitialTime(initialTime);
    }
    return builder.build();
  }

  final TestWorkflowEnvironment env;
  final WorkflowClient client;
  final Sandbox sandbox;
  final AtomicBoolean killSwitch = new AtomicBoolean();
  final List<ReleaseEvent> events = new CopyOnWriteArrayList<>();
  final String taskQueue;
  final RecordedHistory history = new RecordedHistory();

  /** The ledger records written, in order; a test may replace where they go ({@link #ledger}). */
  final List<LedgerEntry> ledgered = new CopyOnWriteArrayList<>();

  final AtomicReference<LedgerActivities> ledger = new AtomicReference<>(ledgered::add);
  private final Map<String, ReleaseRequest> started = new ConcurrentHashMap<>();

  ReleaseHarness(TestWorkflowEnvironment env, Worker worker) {
    this(env, worker, clock -> null, List.of());
  }

  /**
   * A harness whose worker also has the routers (by name) and pre-flight checks of the extension
   * set that {@code more} builds on the test clock.
   */
  ReleaseHarness(
      TestWorkflowEnvironment env,
      Worker worker,
      Function<ActivityClock, ? extends ExtensionSet> more) {
    this(env, worker, more, List.of());
  }

  /** A harness whose worker also tells {@code notifiers}. */
  ReleaseHarness(
      TestWorkflowEnvironment env,
      Worker worker,
      Function<ActivityClock, ? extends ExtensionSet> more,
      List<Notifier> notifiers) {
    this.env = env;
    this.client = env.getWorkflowClient();
    this.taskQueue = worker.getTaskQueue();
    TestEnvironmentClock clock = new TestEnvironmentClock(env);
    sandbox = new Sandbox(clock);
    ExtensionSet extensions = more.apply(clock);
    Map<String, TrafficRouter> routers = new HashMap<>(sandbox.routers());
    Map<String, WorkloadManager> workloads = new HashMap<>(sandbox.workloads());
    List<PreflightCheck> checks = new ArrayList<>(webhookChecks());
    if (extensions != null) {
      routers.putAll(extensions.routers());
      workloads.putAll(extensions.workloads());
      checks.addAll(extensions.preflightChecks());
    }
    Notifier recorder =
        e -> {
          events.add(e);
          return null;
        };
    ReleaseActivities activities =
        new ReleaseActivities(
            new ReleaseActivities.Parts(
                clock,
                List.of(new ClasspathPolicyFiles("rollwright/test-policies")),
                new PolicyActivitiesImpl.Defaults("standard", Sandbox.NAME, Sandbox.NAME),
                routers,
                workloads,
                sandbox.providers(),
                id ->
                    killSwitch.get()
                        ? "the kill switch of the worker's settings (rollwright.kill-switch) is on"
                        : new TemporalKillSwitches(() -> client, false).engaged(id),
                Stream.concat(Stream.of(recorder), notifiers.stream()).toList(),
                checks));
    worker.registerActivitiesImplementations(activities.allButAnalysis());
    worker.registerActivitiesImplementations(history);
    worker.registerActivitiesImplementations(
        new TemporalKillSwitchActivities(client, activities.policy()),
        new LedgerActivities() {
          @Override
          public void record(LedgerEntry entry) {
            ledger.get().record(entry);
          }
        });
    env.newWorker(
            ReleaseIds.analysisQueue(taskQueue),
            WorkerOptions.newBuilder()
                .setMaxHeartbeatThrottleInterval(Duration.ofMillis(1))
                .build())
        .registerActivitiesImplementations(activities.analysis());
    env.start();
  }

  /** The webhook checks, answered within 10 ms per attempt: a test endpoint is local. */
  private static List<PreflightCheck> webhookChecks() {
    WebhookCheck webhook = new WebhookCheck(new WebhookCaller(Duration.ofMillis(10)), Map.of());
    return List.of(webhook, new ConfirmCheck(webhook));
  }

  public static ReleaseRequest request(String service, String policy) {
    return new ReleaseRequest(
        service,
        "2.3.0",
        "registry.example/" + service + ":2.3.0",
        "prod",
        Strategy.CANARY,
        policy,
        null,
        "alice",
        null,
        "abc123");
  }

  /** Starts the release and returns its typed stub for signals and queries. */
  ReleaseWorkflow start(ReleaseRequest request) {
    ReleaseWorkflow release =
        client.newWorkflowStub(
            ReleaseWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(request.releaseId())
                .setTaskQueue(taskQueue)
                .build());
    started.put(WorkflowClient.start(release::run, request).getRunId(), request);
    return release;
  }

  /** The release's result; a promoted one joins release history, as a rollback would read it. */
  ReleaseResult result(ReleaseWorkflow release) {
    WorkflowStub stub = WorkflowStub.fromTyped(release);
    ReleaseResult result = stub.getResult(ReleaseResult.class);
    ReleaseRequest request = started.get(stub.getExecution().getRunId());
    if (result.outcome() == ReleaseOutcome.PROMOTED && request != null) {
      history.promoted(
          result.releaseId(), release.status().version(), request.image(), env.currentTimeMillis());
    }
    return result;
  }

  /**
   * Runs {@code request} and asserts that pre-flight blocked it, its {@code check} failing with a
   * detail that says {@code why}.
   */
  void assertPreflightRefuses(ReleaseRequest request, String check, String why) {
    ReleaseWorkflow release = start(request);
    ReleaseResult result = result(release);
    assertEquals(ReleaseOutcome.BLOCKED, result.outcome(), result.detail());
    assertThat(release.status().preflight())
        .anySatisfy(
            p -> {
              assertEquals(check, p.check());
              assertThat(p.passed()).isFalse();
              assertThat(p.detail()).contains(why);
            });
  }

  public ReleaseResult run(ReleaseRequest request) {
    return result(start(request));
  }

  SandboxCluster cluster() {
    return sandbox.cluster();
  }

  /** The canary weights the router was asked for, in order. */
  List<Double> weights(String service) {
    return cluster().log(service).stream()
        .filter(
            a -> a.action().startsWith("set-weight") || a.action().equals("route-all-to-stable"))
        .map(SandboxCluster.Action::weightAfter)
        .toList();
  }

  List<String> actions(String service) {
    return cluster().log(service).stream().map(SandboxCluster.Action::action).toList();
  }

  public long historyLength(String releaseId) {
    return client.fetchHistory(releaseId).getHistory().getEventsCount();
  }

  /** Lets {@code d} of workflow time pass. */
  void waitFor(Duration d) {
    env.sleep(d);
  }
}
