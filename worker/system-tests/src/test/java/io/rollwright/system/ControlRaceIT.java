package io.rollwright.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.rollwright.activities.traffic.sandbox.SandboxCluster;
import io.rollwright.api.ApprovalDecision;
import io.rollwright.api.AuditEntry;
import io.rollwright.api.ControlAnswer;
import io.rollwright.api.ControlCommand;
import io.rollwright.api.ControlCommand.Action;
import io.rollwright.api.ControlRequest;
import io.rollwright.api.Phase;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.ReleaseStatus;
import io.rollwright.api.RollbackReason;
import io.rollwright.client.ReleaseControls;
import io.rollwright.policy.DurationText;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowServiceException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Controls racing each other and the release's own progress, on the real dev server with a worker
 * process: an abort sent with the final approval (through the {@code control} update, the signals
 * and the command line) is either accepted and wins, or refused because the promotion has begun,
 * never both accepted and promoted; every control during a rollback is refused saying so; a breach
 * while paused rolls back at once; a rollback that keeps failing is retried for its whole timeout.
 *
 * <p>{@code -Drace.count=N} sets the releases per channel (default 34: over a hundred races across
 * the three), {@code -Drace.seed=S} replays the offsets of an earlier run (the seed is printed).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ControlRaceIT extends RealServerTest {
  private static final int RACES = Integer.getInteger("race.count", 34);
  private static final long SEED = Long.getLong("race.seed", System.nanoTime());
  private static final int MAX_OFFSET_MILLIS = 250;

  /** Between one release's pair of controls and the next release's. */
  private static final long SPACING_MILLIS = 100;

  private static final String APPROVE_REASON = "looks good";
  private static final String ABORT_REASON = "pager storm";
  private static final String ABORTED = "aborted by sam: " + ABORT_REASON;
  private static final Pattern ENDED =
      Pattern.compile("the release (\\S+ )?has ended \\((\\w+)\\)");

  /**
   * The worker of the rollback tests: every traffic action takes a second; canaries that breach;
   * rollbacks that fail.
   */
  private static final String[] SLOW = {
    "--rollwright.sandbox.action-delay=1s",
    "--rollwright.sandbox.metrics[0]=rolling canary error-rate = 0.3",
    "--rollwright.sandbox.failures[0]=rolling route-all-to-stable 3",
    "--rollwright.sandbox.metrics[1]=held canary error-rate = 0.002, 12s: 0.3",
    "--rollwright.sandbox.metrics[2]=stranded canary error-rate = 0.3",
    "--rollwright.sandbox.failures[1]=stranded route-all-to-stable 1000000"
  };

  private static AppProcess worker;
  private static String workerName;

  /**
   * Runs the worker {@code name} with {@code settings}, stopping the other first: a task queue has
   * one configuration.
   */
  private static void use(String name, String... settings) throws Exception {
    if (name.equals(workerName)) {
      return;
    }
    stopWorker();
    worker = worker(name, settings).awaitUp(Duration.ofSeconds(90));
    workerName = name;
  }

  @AfterAll
  static void stopWorker() throws InterruptedException {
    if (worker != null) {
      worker.close();
      worker = null;
      workerName = null;
    }
  }

  private static ReleaseControls controls() {
    return new ReleaseControls(server.client(), Duration.ofSeconds(60));
  }

  enum Channel {
    UPDATE(0),
    SIGNAL(1),
    CLI(2);

    /** Added to the seed, so each channel races at offsets of its own. */
    final int seedOffset;

    Channel(int seedOffset) {
      this.seedOffset = seedOffset;
    }
  }

  /**
   * One control as sent: whether it reached the release, its answer (update and CLI only), and when
   * it left.
   */
  private record Sent(
      boolean delivered,
      boolean answered,
      boolean accepted,
      String message,
      long atNanos,
      long tookNanos,
      long atMillis) {
    Sent(boolean delivered, boolean answered, boolean accepted, String message, long atNanos) {
      this(
          delivered,
          answered,
          accepted,
          message,
          atNanos,
          System.nanoTime() - atNanos,
          System.currentTimeMillis() - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - atNanos));
    }

    @Override
    public String toString() {
      return !delivered
          ? "not delivered (" + message + ")"
          : !answered ? "signalled" : (accepted ? "accepted: " : "refused: ") + message;
    }
  }

  /**
   * One release's race: the final approval at some moment, the abort {@code offsetMillis} after it
   * (before it when negative).
   */
  private record Race(String service, String id, int offsetMillis, Sent approve, Sent abort) {}

  @ParameterizedTest
  @EnumSource(Channel.class)
  @Order(1)
  void anAbortSentWithTheFinalApprovalIsEitherAcceptedAndWinsOrRefusedBecauseThePromotionBegan(
      Channel channel) throws Exception {
    if (!"race".equals(workerName)) {
      use("race");
      warmUp();
    }
    long seed = SEED + channel.seedOffset;
    System.out.printf(
        "ControlRaceIT %s: %d releases, offsets in [-%d, +%d] ms, seed %d (-Drace.seed=%d)%n",
        channel, RACES, MAX_OFFSET_MILLIS, MAX_OFFSET_MILLIS, seed, SEED);
    long began = System.nanoTime();
    List<String> services = new ArrayList<>();
    for (int i = 0; i < RACES; i++) {
      services.add("race-" + channel.name().toLowerCase(Locale.ROOT) + "-" + i);
    }
    List<String> ids = startAll(services);
    long started = System.nanoTime();
    awaitGates(ids);
    long atGates = System.nanoTime();

    Random random = new Random(seed);
    ExecutorService senders = Executors.newCachedThreadPool();
    List<Race> races = new ArrayList<>();
    try {
      long first = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500 + MAX_OFFSET_MILLIS);
      List<Future<Sent>> approvals = new ArrayList<>();
      List<Future<Sent>> aborts = new ArrayList<>();
      int[] offsets = new int[RACES];
      for (int i = 0; i < RACES; i++) {
        String id = ids.get(i);
        offsets[i] = random.nextInt(2 * MAX_OFFSET_MILLIS + 1) - MAX_OFFSET_MILLIS;
        long approveAt = first + TimeUnit.MILLISECONDS.toNanos(i * SPACING_MILLIS);
        long abortAt = approveAt + TimeUnit.MILLISECONDS.toNanos(offsets[i]);
        approvals.add(
            senders.submit(
                () -> {
                  parkUntil(approveAt);
                  return send(channel, id, Action.APPROVE);
                }));
        aborts.add(
            senders.submit(
                () -> {
                  parkUntil(abortAt);
                  return send(channel, id, Action.ABORT);
                }));
      }
      for (int i = 0; i < RACES; i++) {
        races.add(
            new Race(
                ids.get(i).substring(0, ids.get(i).indexOf('@')),
                ids.get(i),
                offsets[i],
                approvals.get(i).get(2, TimeUnit.MINUTES),
                aborts.get(i).get(2, TimeUnit.MINUTES)));
      }
    } finally {
      senders.shutdownNow();
    }
    long sent = System.nanoTime();

    List<String> wrong = new ArrayList<>();
    Map<String, List<Integer>> outcomes = new TreeMap<>();
    long realisedSkew = 0;
    List<Long> approvalsApplied = new ArrayList<>();
    for (Race race : races) {
      ReleaseResult result = result(race.id(), Duration.ofMinutes(2));
      ReleaseStatus status = finishedStatus(race.id());
      List<String> actions =
          AppProcess.actions(journal(), race.service()).stream()
              .map(SandboxCluster.Action::action)
              .toList();
      String kind = judge(channel, race, result, status.audit(), actions, wrong);
      status.audit().stream()
          .filter(e -> e.actor().equals("bob"))
          .findFirst()
          .ifPresent(e -> approvalsApplied.add(e.atMillis() - race.approve().atMillis()));
      long realised =
          TimeUnit.NANOSECONDS.toMillis(race.abort().atNanos() - race.approve().atNanos());
      outcomes.computeIfAbsent(kind, k -> new ArrayList<>()).add((int) realised);
      realisedSkew = Math.max(realisedSkew, Math.abs(realised - race.offsetMillis()));
    }
    System.out.printf(
        "ControlRaceIT %s: started in %.1f s, at their gates %.1f s later, controls sent in %.1f s, checked in %.1f s;"
            + " largest gap between an offset drawn and the one realised when sending: %d ms%n",
        channel,
        (started - began) / 1e9,
        (atGates - started) / 1e9,
        (sent - atGates) / 1e9,
        (System.nanoTime() - sent) / 1e9,
        realisedSkew);
    System.out.printf(
        "ControlRaceIT %s: approvals answered in %s ms, aborts in %s ms (median, 90th percentile, largest)%n",
        channel,
        percentiles(races.stream().map(Race::approve).toList()),
        percentiles(races.stream().map(Race::abort).toList()));
    long[] applied = approvalsApplied.stream().mapToLong(Long::longValue).sorted().toArray();
    if (applied.length > 0) {
      System.out.printf(
          "ControlRaceIT %s: approvals applied (audit time) after sending: %d, %d, %d ms (median, 90th percentile, largest)%n",
          channel,
          applied[applied.length / 2],
          applied[applied.length * 9 / 10],
          applied[applied.length - 1]);
    }
    outcomes.forEach(
        (kind, offs) ->
            System.out.printf(
                "ControlRaceIT %s:   %3d × %s (abort sent %d..%d ms after the approval)%n",
                channel,
                offs.size(),
                kind,
                offs.stream().mapToInt(Integer::intValue).min().orElse(0),
                offs.stream().mapToInt(Integer::intValue).max().orElse(0)));
    wrong.forEach(w -> System.out.println("ControlRaceIT " + channel + " WRONG: " + w));
    assertTrue(
        wrong.isEmpty(),
        wrong.size()
            + " of "
            + RACES
            + " releases broke the rules (seed "
            + seed
            + "):\n"
            + String.join("\n", wrong));
  }

  /**
   * Takes a few releases through their gate on the fresh worker, each channel once, so the races do
   * not meet a worker still compiling its hot paths (which queues controls and blurs the offsets).
   */
  private static void warmUp() throws Exception {
    long began = System.nanoTime();
    List<String> services = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      services.add("warm-" + i);
    }
    List<String> ids = startAll(services);
    awaitGates(ids);
    for (int i = 0; i < ids.size(); i++) {
      send(Channel.values()[i % Channel.values().length], ids.get(i), Action.APPROVE);
      Thread.sleep(SPACING_MILLIS);
    }
    for (String id : ids) {
      assertEquals(ReleaseOutcome.PROMOTED, result(id, Duration.ofMinutes(1)).outcome(), id);
    }
    System.out.printf(
        "ControlRaceIT: worker warmed up with %d releases in %.1f s%n",
        ids.size(), (System.nanoTime() - began) / 1e9);
  }

  /**
   * Checks one race against the rules and returns what happened in it; each rule broken is added to
   * {@code wrong} with the evidence.
   */
  private static String judge(
      Channel channel,
      Race race,
      ReleaseResult result,
      List<AuditEntry> audit,
      List<String> actions,
      List<String> wrong) {
    String evidence =
        race.id()
            + " (abort drawn "
            + race.offsetMillis()
            + " ms after the approval, sent "
            + TimeUnit.NANOSECONDS.toMillis(race.abort().atNanos() - race.approve().atNanos())
            + " ms after it): outcome "
            + result.outcome()
            + " "
            + result.rollbackReason()
            + " '"
            + result.detail()
            + "'; approve "
            + race.approve()
            + "; abort "
            + race.abort()
            + "; audit "
            + describe(audit)
            + "; sandbox "
            + actions;
    List<String> broken = new ArrayList<>();
    int approved = indexOf(audit, "bob", "approved");
    int aborted = indexOf(audit, "sam", "aborted");
    int ended = indexOf(audit, "rollwright", result.outcome().name().toLowerCase(Locale.ROOT));
    boolean abortAccepted = aborted >= 0 || (race.abort().answered() && race.abort().accepted());
    boolean stableTookIt = actions.contains("promote-stable 2.3.0");

    if (result.outcome() != ReleaseOutcome.PROMOTED
        && result.outcome() != ReleaseOutcome.ROLLED_BACK) {
      broken.add("ended " + result.outcome() + ", neither PROMOTED nor ROLLED_BACK");
    }
    if (abortAccepted && result.outcome() == ReleaseOutcome.PROMOTED) {
      broken.add("the abort was accepted and the release was PROMOTED");
    }
    if (abortAccepted
        && (result.outcome() != ReleaseOutcome.ROLLED_BACK
            || result.rollbackReason() != RollbackReason.ABORTED
            || !ABORTED.equals(result.detail()))) {
      broken.add("an accepted abort did not end ROLLED_BACK (aborted) '" + ABORTED + "'");
    }
    if (result.outcome() == ReleaseOutcome.ROLLED_BACK && aborted < 0) {
      broken.add("ROLLED_BACK with no abort accepted in the audit");
    }
    if (ended < 0) {
      broken.add("the audit does not record the outcome");
    }

    // The abort's answer and the audit tell the same story.
    if (race.abort().answered()) {
      if (race.abort().accepted() != (aborted >= 0)) {
        broken.add(
            "the abort's answer ("
                + (race.abort().accepted() ? "accepted" : "refused")
                + ") and the audit disagree");
      }
      if (race.abort().accepted() && !ABORTED.equals(race.abort().message())) {
        broken.add("the accepted abort's answer is not '" + ABORTED + "'");
      }
      if (!race.abort().accepted()
          && !race.abort().message().contains("being promoted")
          && !endedAs(race.abort().message(), "PROMOTED")) {
        broken.add(
            "a refused abort's answer gives neither the promotion nor the end as its reason");
      }
    }
    for (int i = 0; i < audit.size(); i++) {
      AuditEntry e = audit.get(i);
      if (!e.actor().equals("sam") || !e.action().equals("refused abort")) {
        continue;
      }
      if (ended >= 0 && i < ended && !e.detail().contains("being promoted")) {
        broken.add(
            "an abort refused while the release ran does not say it is being promoted: '"
                + e.detail()
                + "'");
      }
      if (ended >= 0 && i > ended && !endedAs(e.detail(), result.outcome().name())) {
        broken.add("an abort refused after the end does not say so: '" + e.detail() + "'");
      }
      if (race.abort().answered() && !race.abort().message().equals(e.detail())) {
        broken.add("the abort's answer differs from its refusal in the audit");
      }
      if (result.outcome() != ReleaseOutcome.PROMOTED) {
        broken.add("an abort was refused, yet the release was not promoted");
      }
    }
    if (race.abort().answered()
        && race.abort().message() != null
        && race.abort().message().contains("being promoted")
        && result.outcome() != ReleaseOutcome.PROMOTED) {
      broken.add(
          "the abort was refused as too late to stop the promotion, but the release was not promoted");
    }

    // The approval's answer, the audit and the outcome agree.
    if (race.approve().answered() && race.approve().accepted() != (approved >= 0)) {
      broken.add(
          "the approval's answer ("
              + (race.approve().accepted() ? "accepted" : "refused")
              + ") and the audit disagree");
    }
    if (result.outcome() == ReleaseOutcome.PROMOTED && (approved < 0 || aborted >= 0)) {
      broken.add("PROMOTED, but the audit does not show bob's approval and no accepted abort");
    }
    if (approved >= 0 && aborted >= 0 && approved > aborted) {
      broken.add("bob's approval was accepted after the abort");
    }
    if (approved < 0) {
      for (AuditEntry e : audit) {
        if (e.actor().equals("bob")
            && e.action().equals("refused approve")
            && !e.detail().startsWith("the release is rolling back (aborted: " + ABORTED + ")")
            && !endedAs(e.detail(), "ROLLED_BACK")) {
          broken.add(
              "bob's approval was refused for another reason than the abort: '" + e.detail() + "'");
        }
      }
    }
    if (race.approve().answered()
        && !race.approve().accepted()
        && !race.approve().message().startsWith("the release is rolling back (aborted: ")
        && !endedAs(race.approve().message(), "ROLLED_BACK")) {
      broken.add("bob's approval was refused for another reason than the abort");
    }

    // The cluster agrees: stable took the new version exactly when the release was promoted.
    if (stableTookIt != (result.outcome() == ReleaseOutcome.PROMOTED)) {
      broken.add(
          "the sandbox "
              + (stableTookIt ? "promoted" : "did not promote")
              + " stable, the outcome is "
              + result.outcome());
    }
    if ((!race.approve().delivered()
            && race.approve().message() != null
            && !race.approve().message().contains("already completed"))
        || (!race.abort().delivered()
            && race.abort().message() != null
            && !race.abort().message().contains("already completed"))) {
      broken.add("a control was not delivered for another reason than the release having ended");
    }
    if (!broken.isEmpty()) {
      wrong.add(channel + " " + String.join("; ", broken) + " — " + evidence);
    }

    if (aborted >= 0) {
      return approved >= 0
          ? "approved, then the abort won: ROLLED_BACK"
          : "aborted before the approval applied: ROLLED_BACK";
    }
    if (!race.abort().delivered()) {
      return "abort arrived after the end: PROMOTED";
    }
    String refusal =
        race.abort().answered()
            ? race.abort().message()
            : audit.stream()
                .filter(e -> e.actor().equals("sam") && e.action().equals("refused abort"))
                .map(AuditEntry::detail)
                .findFirst()
                .orElse("");
    return refusal.contains("being promoted")
        ? "abort refused, being promoted: PROMOTED"
        : endedAs(refusal, "PROMOTED")
            ? "abort refused, already ended: PROMOTED"
            : "other: " + result.outcome();
  }

  private static String percentiles(List<Sent> sent) {
    long[] took =
        sent.stream()
            .mapToLong(s -> TimeUnit.NANOSECONDS.toMillis(s.tookNanos()))
            .sorted()
            .toArray();
    return took[took.length / 2] + ", " + took[took.length * 9 / 10] + ", " + took[took.length - 1];
  }

  private static boolean endedAs(String message, String outcome) {
    Matcher m = ENDED.matcher(message == null ? "" : message);
    return m.find() && m.start() == 0 && m.group(2).equals(outcome);
  }

  private static int indexOf(List<AuditEntry> audit, String actor, String action) {
    for (int i = 0; i < audit.size(); i++) {
      if (audit.get(i).actor().equals(actor) && audit.get(i).action().equals(action)) {
        return i;
      }
    }
    return -1;
  }

  private static String describe(List<AuditEntry> audit) {
    List<String> lines = new ArrayList<>();
    for (AuditEntry e : audit) {
      if (!e.actor().equals("rollwright") || !e.action().startsWith("analysis")) {
        lines.add(
            e.actor() + " " + e.action() + (e.detail() == null ? "" : " '" + e.detail() + "'"));
      }
    }
    return lines.toString();
  }

  /**
   * The status of a finished release. Its query is answered by a worker replaying the history;
   * right after a hundred releases end at once the dev server may answer "no poller seen for task
   * queue recently" while the worker is polling, so that answer is asked again for up to a minute.
   */
  private static ReleaseStatus finishedStatus(String id) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (true) {
      try {
        return release(id).status();
      } catch (WorkflowServiceException e) {
        if (System.nanoTime() > until
            || !(e.getCause() instanceof StatusRuntimeException s)
            || s.getStatus().getCode() != Status.Code.FAILED_PRECONDITION) {
          throw e;
        }
        TimeUnit.SECONDS.sleep(1);
      }
    }
  }

  /**
   * Starts a release of each service with the {@code gate} policy, a few at a time; returns their
   * IDs in order.
   */
  private static List<String> startAll(List<String> services) throws Exception {
    ExecutorService starters = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> started = new ArrayList<>();
      for (String service : services) {
        started.add(starters.submit(() -> start(request(service, "gate"))));
      }
      List<String> ids = new ArrayList<>();
      for (Future<String> id : started) {
        ids.add(id.get(1, TimeUnit.MINUTES));
      }
      return ids;
    } finally {
      starters.shutdownNow();
    }
  }

  /**
   * Waits until every release of {@code ids} is at its gate, asking each no more than twice a
   * second (the worker answers the queries).
   */
  private static void awaitGates(List<String> ids) throws InterruptedException {
    Set<String> waiting = new LinkedHashSet<>(ids);
    Thread.sleep(3_000);
    await(
        ids.size() + " releases at their gate",
        Duration.ofMinutes(3),
        () -> {
          waiting.removeIf(id -> phase(id) == Phase.AWAITING_APPROVAL);
          if (!waiting.isEmpty()) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(400));
          }
          return waiting.isEmpty();
        });
  }

  private static Phase phase(String id) {
    try {
      return release(id).status().phase();
    } catch (RuntimeException notYet) {
      return null;
    }
  }

  private static void parkUntil(long nanoTime) {
    for (long left = nanoTime - System.nanoTime(); left > 0; left = nanoTime - System.nanoTime()) {
      LockSupport.parkNanos(left);
    }
  }

  /** Sends bob's approval or sam's abort through {@code channel}. */
  private static Sent send(Channel channel, String id, Action action) {
    long at = System.nanoTime();
    boolean approve = action == Action.APPROVE;
    try {
      switch (channel) {
        case UPDATE -> {
          ControlAnswer answer =
              controls()
                  .send(
                      id,
                      approve
                          ? new ControlCommand(Action.APPROVE, "bob", APPROVE_REASON)
                          : new ControlCommand(Action.ABORT, "sam", ABORT_REASON));
          return new Sent(true, true, answer.accepted(), answer.message(), at);
        }
        case SIGNAL -> {
          if (approve) {
            release(id).approve(new ApprovalDecision("bob", APPROVE_REASON));
          } else {
            release(id).abort(new ControlRequest("sam", ABORT_REASON));
          }
          return new Sent(true, false, false, null, at);
        }
        default -> {
          Cli cli =
              approve
                  ? Cli.run(server, "approve", id, "--as", "bob", "--reason", APPROVE_REASON)
                  : Cli.run(server, "abort", id, "--as", "sam", "--reason", ABORT_REASON);
          if ((cli.code() != 0 && cli.code() != 1) || !cli.err().isEmpty()) {
            return new Sent(false, false, false, cli.toString(), at);
          }
          String printed = cli.out().strip();
          return new Sent(
              true,
              true,
              cli.code() == 0,
              cli.code() == 0 ? printed : printed.replaceFirst("^refused: ", ""),
              at);
        }
      }
    } catch (WorkflowNotFoundException closed) {
      return new Sent(
          false, false, false, "workflow execution already completed: " + closed.getMessage(), at);
    } catch (RuntimeException e) {
      return new Sent(false, false, false, e.toString(), at);
    }
  }

  @Test
  @Order(2)
  void everyControlDuringARollbackIsRefusedSayingSoAndTheStatusStaysRollingBack() throws Exception {
    use("slow", SLOW);
    String id = start(request("rolling", "brief"));
    awaitPhase(id, Phase.ROLLING_BACK, Duration.ofMinutes(1));
    ReleaseControls controls = controls();

    String why = "analysis: error-rate 30.00% > 10.00%";
    for (Action action : Action.values()) {
      ControlAnswer answer =
          controls.send(id, new ControlCommand(action, "sam", "trying " + action));
      assertFalse(
          answer.accepted(), action + " was accepted during a rollback: " + answer.message());
      String expected =
          (action == Action.ABORT
                  ? "the release is already rolling back ("
                  : "the release is rolling back (")
              + why;
      assertTrue(answer.message().startsWith(expected), action + ": " + answer.message());
      assertEquals(Phase.ROLLING_BACK, release(id).status().phase(), "the phase after " + action);
    }
    long lastAnswered = System.currentTimeMillis();

    ReleaseResult result = result(id, Duration.ofMinutes(2));
    assertEquals(ReleaseOutcome.ROLLED_BACK, result.outcome(), result.detail());
    assertEquals(RollbackReason.ANALYSIS, result.rollbackReason());
    assertEquals("error-rate 30.00% > 10.00%", result.detail());
    List<SandboxCluster.Action> log = AppProcess.actions(journal(), "rolling");
    long restored =
        log.stream()
            .filter(a -> a.action().equals("scale-canary-to-zero"))
            .findFirst()
            .orElseThrow()
            .atMillis();
    assertTrue(
        lastAnswered < restored,
        "every control was answered while the rollback was still under way");
    assertEquals(
        List.of(
            "deploy-canary registry.example/rolling:2.3.0",
            "set-weight 50%",
            "route-all-to-stable FAILED (injected)",
            "route-all-to-stable",
            "scale-canary-to-zero"),
        AppProcess.plannedSequence(journal(), "rolling"));
    List<String> refused =
        release(id).status().audit().stream()
            .filter(e -> e.actor().equals("sam"))
            .map(AuditEntry::action)
            .toList();
    assertEquals(
        List.of(),
        refused,
        "refused for certain before the release accepted them, they left no trace");
  }

  @Test
  @Order(3)
  void aBreachWhilePausedRollsBackAtOnceAndNoWeightStepFollowsThePause() throws Exception {
    use("slow", SLOW);
    String id = start(request("held", "hold"));
    awaitAction("held", "set-weight 10%", Duration.ofMinutes(1));
    ControlAnswer paused =
        controls().send(id, new ControlCommand(Action.PAUSE, "sam", "checking a dashboard"));
    long pausedAt = System.currentTimeMillis();
    assertTrue(paused.accepted(), paused.message());
    assertEquals("paused by sam: checking a dashboard", paused.message());
    assertEquals(Phase.PAUSED, release(id).status().phase());

    ReleaseResult result = result(id, Duration.ofMinutes(2));
    assertEquals(ReleaseOutcome.ROLLED_BACK, result.outcome(), result.detail());
    assertEquals(RollbackReason.ANALYSIS, result.rollbackReason());
    assertTrue(
        result.detail().contains("(while paused: paused by sam: checking a dashboard)"),
        result.detail());
    List<SandboxCluster.Action> log = AppProcess.actions(journal(), "held");
    assertEquals(
        List.of(),
        log.stream()
            .filter(a -> a.atMillis() >= pausedAt && a.action().startsWith("set-weight"))
            .toList(),
        "no weight step after the pause");
    assertEquals(
        List.of(
            "deploy-canary registry.example/held:2.3.0",
            "set-weight 10%",
            "route-all-to-stable",
            "scale-canary-to-zero"),
        AppProcess.plannedSequence(journal(), "held"));
    long canaryAt = log.get(0).atMillis();
    long restoringAt =
        log.stream()
            .filter(a -> a.action().equals("route-all-to-stable"))
            .findFirst()
            .orElseThrow()
            .atMillis();
    assertTrue(
        restoringAt - canaryAt >= 12_000,
        "held past its first soak of 4s until the errors of second 12: "
            + (restoringAt - canaryAt)
            + " ms");
  }

  @Test
  @Order(4)
  void aRollbackThatKeepsFailingIsRetriedForItsWholeTimeoutThenTheReleaseFails() throws Exception {
    use("slow", SLOW);
    String id = start(request("stranded", "brief-rollback"));

    ReleaseResult result = result(id, Duration.ofMinutes(3));
    assertEquals(ReleaseOutcome.FAILED, result.outcome(), result.detail());
    assertEquals(RollbackReason.ANALYSIS, result.rollbackReason());
    Matcher retried =
        Pattern.compile(
                "rollback did not complete within its rollbackTimeout of 1m \\(retried for (\\w+)\\)")
            .matcher(result.detail());
    assertTrue(retried.find(), result.detail());
    Duration retriedFor = DurationText.parse(retried.group(1));
    assertTrue(
        retriedFor.compareTo(Duration.ofSeconds(51)) >= 0
            && retriedFor.compareTo(Duration.ofSeconds(70)) <= 0,
        result.detail());

    List<SandboxCluster.Action> failed =
        AppProcess.actions(journal(), "stranded").stream()
            .filter(a -> a.action().equals("route-all-to-stable FAILED (injected)"))
            .toList();
    // Attempts are at most a tenth of the timeout (6s) apart and each takes the worker's 1s action
    // delay, so the first and
    // last failures recorded within the 1m cover all of it but one gap, one attempt and a little
    // slack.
    long span = failed.get(failed.size() - 1).atMillis() - failed.get(0).atMillis();
    System.out.printf(
        "ControlRaceIT rollback: %d failed attempts over %.1f s; detail: %s%n",
        failed.size(), span / 1e3, result.detail());
    assertTrue(
        span >= 51_000, "the failed attempts span " + span + " ms of the 1m rollbackTimeout");
    assertFalse(AppProcess.plannedSequence(journal(), "stranded").contains("scale-canary-to-zero"));
  }
}
