package io.rollwright.workflow;

import io.rollwright.api.ReleaseMemo;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.TrainEvent;
import io.rollwright.api.TrainEvent.Kind;
import io.temporal.workflow.Workflow;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tells the notifiers what a train does, with where each of its releases stands, and keeps the
 * conversation (a Slack thread) the first notifier to answer gave, which the train's releases join
 * through their memo. A train started before trains were told keeps quiet.
 */
final class TrainNews {
  private final String trainId;
  private final Collection<TrainCar> cars;
  private final ReleaseSteps steps = new ReleaseSteps();
  private final boolean tells;
  private String thread;

  /** The news of train {@code trainId}, whose releases are {@code cars}, in the train's order. */
  TrainNews(String trainId, Collection<TrainCar> cars) {
    this.trainId = trainId;
    this.cars = cars;
    this.tells =
        Workflow.getVersion("train-news", Workflow.DEFAULT_VERSION, 1) != Workflow.DEFAULT_VERSION;
  }

  /** Tells {@code kind}: {@code message}, about {@code release} (a label) or the whole train. */
  void tell(Kind kind, String release, String message) {
    tell(kind, release, message, null);
  }

  /** Tells {@code kind} with the {@code outcome} of what ended. */
  void tell(Kind kind, String release, String message, ReleaseOutcome outcome) {
    if (!tells) {
      return;
    }
    String kept =
        steps.tellTrain(
            new TrainEvent(
                trainId,
                Workflow.getInfo().getFirstExecutionRunId(),
                kind,
                message,
                release,
                cars.stream().map(c -> c.status().line()).toList(),
                outcome,
                thread));
    thread = thread != null ? thread : kept;
  }

  /** Tells how {@code car} ended, or how its rollback did. */
  void ended(Kind kind, TrainCar car, ReleaseOutcome outcome) {
    tell(kind, car.label(), car.status().line(), outcome);
  }

  /** The memo by which a release the train starts joins its conversation: none until it has one. */
  Map<String, Object> joining() {
    Map<String, Object> memo = new LinkedHashMap<>();
    if (thread != null) {
      memo.put(ReleaseMemo.TRAIN, trainId);
      memo.put(ReleaseMemo.TRAIN_THREAD, thread);
    }
    return memo;
  }
}
