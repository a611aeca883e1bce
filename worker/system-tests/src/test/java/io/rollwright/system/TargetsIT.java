package io.rollwright.system;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollwright.api.Phase;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.TrainRequest;
import io.rollwright.api.TrainResult;
import io.rollwright.client.Trains;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One worker, two real control planes: the targets {@code east} (the shared cluster) and {@code
 * west} (another) put their releases in namespace {@code storefront} of their own cluster. A
 * release to one changes only its cluster, and pre-flight checks the release's own cluster. A
 * rollout in waves (east, then west, behind an approval gate) promotes in each in turn; when the
 * second wave fails, the first is put back to its previous version. A train of three services
 * across both clusters goes on after its worker is killed, and when its last release fails the
 * first two are put back.
 */
class TargetsIT extends TwoClusterTest {
  private static final String NS = "storefront";
  private static final List<String> TARGETS = new ArrayList<>();

  @BeforeAll
  static void namespaces() throws Exception {
    cluster.releaseNamespace(NS);
    west.releaseNamespace(NS);
    TARGETS.addAll(target("east", false, NS));
    TARGETS.addAll(target("west", true, NS));
  }

  @AfterAll
  static void stopTheWorker() throws InterruptedException {
    if (plain != null) {
      plain.close();
    }
  }

  /** The worker without scripted metrics, shared by the tests that need no other. */
  private static AppProcess plain;

  private static void plainWorker() throws Exception {
    if (plain == null) {
      plain = targetsWorker("targets", TARGETS);
    }
  }

  /** {@code shelf} at {@code version} to east, then (the second wave) to west. */
  private static TrainRequest waves(String name, String version) {
    return new TrainRequest(
        name,
        "east",
        "alice",
        "east, then west",
        null,
        List.of(
            new TrainRequest.Release(
                "shelf", version, image("shelf", version), "cluster-waves", null, List.of()),
            new TrainRequest.Release(
                "shelf",
                version,
                image("shelf", version),
                "cluster-waves",
                null,
                List.of("shelf@east"),
                "west")));
  }

  private static long millis(com.google.protobuf.Timestamp t) {
    return t.getSeconds() * 1000 + t.getNanos() / 1_000_000;
  }

  @Test
  void wavesReachEachClusterInTurnAndAFailureInTheSecondPutsBothBack() throws Exception {
    cluster.service(NS, "shelf", REPLICAS, image("shelf", "0.9.0"));
    west.service(NS, "shelf", REPLICAS, image("shelf", "0.9.0"));
    plainWorker();
    CompletableFuture<Cli> first =
        Cli.inBackground(
            server,
            "start",
            "shelf",
            OLD,
            "--image",
            image("shelf", OLD),
            "--env",
            "east",
            "--waves",
            "west",
            "--wave-approvers",
            "carol",
            "--policy",
            "cluster-waves",
            "--requested-by",
            "alice",
            "--wait");
    Trains trains = new Trains(server.client());
    await(
        "the second wave's gate",
        Duration.ofMinutes(3),
        () -> {
          try {
            return trains.status("train:shelf@east").releases().get(1).state().equals("at gate");
          } catch (RuntimeException notYet) {
            return false;
          }
        });
    Cli self =
        Cli.run(server, "train", "approve", "shelf", "--env", "east", "--requested-by", "alice");
    assertEquals(1, self.code(), self::toString);
    assertTrue(
        self.out().contains("refused: alice requested this release and cannot approve it"),
        self::toString);
    assertEquals(image("shelf", "0.9.0"), west.image(NS, "shelf"), "west waits for its gate");
    long approvedAt = System.currentTimeMillis();
    Cli approved =
        Cli.run(server, "train", "approve", "shelf", "--env", "east", "--requested-by", "carol");
    assertEquals(0, approved.code(), approved::toString);
    assertTrue(
        approved.out().contains("the gate of shelf@west: approved by carol (1 of 1)"),
        approved::toString);
    Cli done = first.get(3, TimeUnit.MINUTES);
    assertEquals(0, done.code(), done::toString);
    assertTrue(done.out().contains("Started train:shelf@east (2 releases)"), done::toString);
    assertTrue(done.out().contains("train:shelf@east PROMOTED"), done::toString);
    plain.close();
    plain = null;
    var east = server.client().fetchHistory("shelf@east").getHistory();
    var westRun = server.client().fetchHistory("shelf@west").getHistory();
    assertTrue(
        millis(westRun.getEvents(0).getEventTime())
            >= millis(east.getEvents(east.getEventsCount() - 1).getEventTime()),
        "the second wave began once the first was promoted");
    assertTrue(
        millis(westRun.getEvents(0).getEventTime()) >= approvedAt - 1_000,
        "and once carol approved");
    assertEquals(image("shelf", OLD), cluster.image(NS, "shelf"));
    assertEquals(image("shelf", OLD), west.image(NS, "shelf"));

    try (AppProcess worker =
        targetsWorker(
            "waves-2",
            TARGETS,
            "--rollwright.sandbox.metrics[0]=shelf@west canary error-rate = 0.3")) {
      TrainRequest failing = waves("shelf-2", NEW);
      new Trains(server.client()).start(failing);
      Cli watched = Cli.run(server, "watch", failing.trainId());
      TrainResult second = trainResult(failing.trainId(), Duration.ofSeconds(30));

      assertEquals(2, watched.code(), watched::toString);
      assertTrue(
          watched.out().contains("train:shelf-2@east ROLLED_BACK — shelf@west rolled back"),
          watched::toString);

      assertEquals(ReleaseOutcome.ROLLED_BACK, second.outcome(), second.detail());
      assertEquals("shelf@west", second.failedService());
      assertTrue(second.detail().startsWith("shelf@west rolled back: error-rate"), second.detail());
      assertEquals(ReleaseOutcome.PROMOTED, second.releases().get(0).rollback(), second.detail());
      assertEquals(image("shelf", OLD), cluster.image(NS, "shelf"), "east is back on " + OLD);
      assertEquals(image("shelf", OLD), west.image(NS, "shelf"), "west never left " + OLD);
    }
  }

  @Test
  void eachTargetsReleaseChangesOnlyItsOwnClusterAndIsCheckedThere() throws Exception {
    cluster.service(NS, "cart", REPLICAS, image("cart", OLD));
    west.service(NS, "cart", REPLICAS, image("cart", OLD));
    cluster.service(NS, "ghost", REPLICAS, image("ghost", OLD));

    plainWorker();
    start(request("cart", NEW, "east", "cluster"));
    ReleaseResult east = result("cart@east", Duration.ofMinutes(2));
    String eastImage = cluster.image(NS, "cart");
    String westBefore = west.image(NS, "cart");

    start(request("cart", NEW, "west", "cluster"));
    start(request("ghost", NEW, "west", "cluster"));
    ReleaseResult westResult = result("cart@west", Duration.ofMinutes(2));
    ReleaseResult ghost = result("ghost@west", Duration.ofMinutes(2));

    assertAll(
        () -> assertEquals(ReleaseOutcome.PROMOTED, east.outcome(), east::toString),
        () -> assertEquals(image("cart", NEW), eastImage, "east's cluster runs the new version"),
        () -> assertEquals(image("cart", OLD), westBefore, "west's cluster was not touched"),
        () -> assertEquals(ReleaseOutcome.PROMOTED, westResult.outcome(), westResult::toString),
        () -> assertEquals(image("cart", NEW), west.image(NS, "cart")),
        () -> assertEquals(ReleaseOutcome.BLOCKED, ghost.outcome(), ghost::toString),
        () ->
            assertTrue(
                ghost
                    .detail()
                    .contains(
                        "stable Deployment storefront/ghost (does namespace storefront of"
                            + " cluster west.kubeconfig exist?)"),
                ghost::toString),
        () ->
            assertEquals(
                image("ghost", OLD),
                cluster.image(NS, "ghost"),
                "the ghost in east's cluster was not touched"));
  }

  @Test
  void aTrainAcrossBothClustersOutlivesAKilledWorkerAndPutsBackWhatItPromotedWhenTheLastFails()
      throws Exception {
    cluster.service(NS, "stock", REPLICAS, image("stock", "0.9.0"));
    west.service(NS, "till", REPLICAS, image("till", "0.9.0"));
    west.service(NS, "kiosk", REPLICAS, image("kiosk", "0.9.0"));
    plainWorker();
    for (String at : List.of("stock@east", "till@west", "kiosk@west")) {
      String[] service = at.split("@", -1);
      start(request(service[0], OLD, service[1], "cluster-waves"));
    }
    for (String at : List.of("stock@east", "till@west", "kiosk@west")) {
      assertEquals(ReleaseOutcome.PROMOTED, result(at, Duration.ofMinutes(2)).outcome(), at);
    }
    plain.close();
    plain = null;
    TrainRequest train =
        new TrainRequest(
            "till-3",
            "east",
            "alice",
            "stock, then till and its kiosk in the west",
            null,
            List.of(
                new TrainRequest.Release(
                    "stock", NEW, image("stock", NEW), "cluster-waves", null, List.of()),
                new TrainRequest.Release(
                    "till",
                    NEW,
                    image("till", NEW),
                    "cluster-waves",
                    null,
                    List.of("stock"),
                    "west"),
                new TrainRequest.Release(
                    "kiosk",
                    NEW,
                    image("kiosk", NEW),
                    "cluster-waves",
                    null,
                    List.of("till@west"),
                    "west")));
    String kioskFails = "--rollwright.sandbox.metrics[0]=kiosk@west canary error-rate = 0.3";

    try (AppProcess first = targetsWorker("till-1", TARGETS, kioskFails)) {
      new Trains(server.client()).start(train);
      awaitPhase("till@west", Phase.SOAKING, Duration.ofMinutes(2));
      first.kill9();
    }
    assertEquals(image("stock", NEW), cluster.image(NS, "stock"), "stock was promoted in east");
    try (AppProcess second = targetsWorker("till-2", TARGETS, kioskFails)) {
      TrainResult result = trainResult(train.trainId(), Duration.ofMinutes(4));

      assertEquals(ReleaseOutcome.ROLLED_BACK, result.outcome(), result.detail());
      assertEquals("kiosk@west", result.failedService());
      assertTrue(result.detail().startsWith("kiosk@west rolled back: error-rate"), result.detail());
      assertTrue(result.detail().endsWith("; rolled back stock, till@west"), result.detail());
      assertAll(
          () -> assertEquals(image("stock", OLD), cluster.image(NS, "stock"), "stock in east"),
          () -> assertEquals(image("till", OLD), west.image(NS, "till"), "till in west"),
          () -> assertEquals(image("kiosk", OLD), west.image(NS, "kiosk"), "kiosk in west"));
    }
  }
}
