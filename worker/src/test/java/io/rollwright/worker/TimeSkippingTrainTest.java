package io.rollwright.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rollwright.api.LedgerEntry;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.TrainRequest;
import io.rollwright.api.TrainResult;
import io.rollwright.api.TrainWorkflow;
import io.rollwright.client.Trains;
import io.rollwright.policy.Gate;
import io.rollwright.policy.GateType;
import io.rollwright.policy.Strategy;
import io.rollwright.policy.TimeoutAction;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the train tests on the time-skipping service: each of {@link #SERVICES} has 1.0.0
 * promoted to prod before a test begins, and every promotion joins the history rollbacks read.
 */
abstract class TimeSkippingTrainTest extends TimeSkippingReleaseTest {
  static final List<String> SERVICES = List.of("db", "api", "web", "docs");

  static String image(String service, String version) {
    return "registry.example/" + service + ":" + version;
  }

  static TrainRequest.Release car(String service, String version, List<String> after) {
    return new TrainRequest.Release(service, version, image(service, version), "fast", null, after);
  }

  /** An approval gate that {@code required} of {@code approvers} pass within 4h, else rejects. */
  static Gate approvalOf(int required, String... approvers) {
    return new Gate(
        GateType.APPROVAL,
        required,
        List.of(approvers),
        List.of(),
        null,
        Duration.ofHours(4),
        TimeoutAction.REJECT);
  }

  /** {@code service} 2.0.0 after {@code after}, waiting out {@code bake} then {@code gate}. */
  static TrainRequest.Release gated(String service, List<String> after, Duration bake, Gate gate) {
    TrainRequest.Release r = car(service, "2.0.0", after);
    return new TrainRequest.Release(
        r.service(), r.version(), r.image(), r.policy(), r.type(), after, null, bake, gate);
  }

  /** Every promotion the releases write to the ledger joins the history rollbacks read. */
  @BeforeEach
  void promotionsJoinHistoryAndOneVersionOfEachServiceRuns() {
    h.ledger.set(
        entry -> {
          h.ledgered.add(entry);
          if (entry.outcome() == ReleaseOutcome.PROMOTED) {
            h.history.promoted(
                entry.releaseId(),
                entry.version(),
                "rollback".equals(entry.kind()) ? null : image(entry.service(), entry.version()),
                entry.endedAtMillis());
          }
        });
    for (String service : SERVICES) {
      ReleaseRequest first =
          new ReleaseRequest(
              service,
              "1.0.0",
              image(service, "1.0.0"),
              "prod",
              Strategy.CANARY,
              "fast",
              null,
              "alice",
              null,
              null);
      assertEquals(ReleaseOutcome.PROMOTED, h.run(first).outcome());
    }
    h.ledgered.clear();
  }

  TrainWorkflow start(TrainRequest request) {
    return start(request, null);
  }

  /** Starts {@code request} as the front doors do, its change committed at {@code committedAt}. */
  TrainWorkflow start(TrainRequest request, Instant committedAt) {
    new Trains(h.client, h.taskQueue).start(request, committedAt);
    return h.client.newWorkflowStub(TrainWorkflow.class, request.trainId());
  }

  static TrainResult result(TrainWorkflow train) {
    return WorkflowStub.fromTyped(train).getResult(TrainResult.class);
  }

  /** The ledger's record of each service's release (not the rollbacks), by service. */
  Map<String, LedgerEntry> releases() {
    return h.ledgered.stream()
        .filter(e -> !"rollback".equals(e.kind()))
        .collect(Collectors.toMap(LedgerEntry::service, Function.identity()));
  }

  List<String> rollbacks() {
    return h.ledgered.stream()
        .filter(e -> "rollback".equals(e.kind()))
        .map(e -> e.service() + " " + e.outcome() + " from " + e.rollbackFrom())
        .toList();
  }
}
