package io.rollwright.activities.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rollwright.activities.base.ActivityClock;
import io.rollwright.api.ProgressEvent;
import io.rollwright.api.ReleaseEvent;
import io.rollwright.api.ReleaseOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Each notifier is told on its own: one that is down is tried once more and left, one that refuses
 * the event is not asked again, and neither keeps the others from the event or makes them hear it
 * twice.
 */
class NotificationActivitiesTest {
  private final List<Duration> slept = new ArrayList<>();
  private final ActivityClock clock =
      new ActivityClock() {
        @Override
        public long now() {
          return 0;
        }

        @Override
        public void sleep(Duration d) {
          slept.add(d);
        }
      };

  private static ReleaseEvent event() {
    return new ReleaseEvent(
        "checkout@prod",
        "run-1",
        "checkout",
        "prod",
        new ProgressEvent.Finished(0, "rollwright", ReleaseOutcome.FAILED, "rollback failed"),
        "canary-10",
        10,
        ReleaseOutcome.FAILED,
        null,
        1000,
        List.of(),
        null,
        null);
  }

  @Test
  void aNotifierThatIsDownOrRefusesNeitherHoldsBackNorRepeatsTheOthers() {
    AtomicInteger down = new AtomicInteger();
    AtomicInteger refusing = new AtomicInteger();
    AtomicInteger flaky = new AtomicInteger();
    AtomicInteger slack = new AtomicInteger();
    List<Notifier> notifiers =
        List.of(
            e -> {
              down.incrementAndGet();
              throw new IllegalStateException("PagerDuty unreachable");
            },
            e -> {
              refusing.incrementAndGet();
              throw new IllegalArgumentException("PagerDuty answered 400");
            },
            e -> {
              if (flaky.incrementAndGet() == 1) {
                throw new IllegalStateException("status 500");
              }
              return null;
            },
            e -> {
              slack.incrementAndGet();
              return "thread-42";
            });

    String thread =
        new NotificationActivitiesImpl(notifiers, clock, Duration.ofSeconds(1)).tell(event());

    assertEquals("thread-42", thread, "the conversation is kept whatever the others did");
    assertEquals(2, down.get(), "tried once more, then left");
    assertEquals(1, refusing.get(), "a refused event is not sent again");
    assertEquals(2, flaky.get(), "delivered on its second attempt");
    assertEquals(1, slack.get(), "told once");
    assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(1)), slept);
  }
}
