package io.rollwright.workflow;

import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.TrainResult;
import java.util.List;
import java.util.stream.Collectors;

/** How a train ended, from what became of each of its releases. Pure. */
final class TrainOutcome {
  private TrainOutcome() {}

  static TrainResult of(
      String trainId,
      List<TrainCar> cars,
      String failedService,
      String stoppedBecause,
      long durationMillis) {
    List<TrainResult.Car> releases = cars.stream().map(TrainCar::result).toList();
    if (stoppedBecause == null) {
      return new TrainResult(
          trainId,
          ReleaseOutcome.PROMOTED,
          null,
          "all " + cars.size() + " releases promoted",
          releases,
          durationMillis);
    }
    List<TrainCar> began = cars.stream().filter(c -> c.outcome() != null).toList();
    List<String> stranded = cars.stream().filter(TrainCar::stranded).map(TrainCar::label).toList();
    List<String> failed =
        began.stream()
            .filter(c -> c.outcome() == ReleaseOutcome.FAILED)
            .map(TrainCar::label)
            .toList();
    ReleaseOutcome outcome;
    String detail = stoppedBecause;
    if (!stranded.isEmpty() || !failed.isEmpty()) {
      outcome = ReleaseOutcome.FAILED;
      detail +=
          "; look at "
              + String.join(", ", stranded.isEmpty() ? failed : stranded)
              + (stranded.isEmpty() ? " (its release failed)" : " (not rolled back)");
    } else if (began.stream().allMatch(c -> c.outcome() == ReleaseOutcome.BLOCKED)) {
      outcome = ReleaseOutcome.BLOCKED;
    } else {
      outcome = ReleaseOutcome.ROLLED_BACK;
      String back =
          cars.stream()
              .filter(c -> c.result().rollback() != null)
              .map(TrainCar::label)
              .collect(Collectors.joining(", "));
      String kept =
          cars.stream()
              .filter(c -> c.outcome() == ReleaseOutcome.PROMOTED && c.result().rollback() == null)
              .map(TrainCar::label)
              .collect(Collectors.joining(", "));
      detail += back.isEmpty() ? "" : "; rolled back " + back;
      detail += kept.isEmpty() ? "" : "; kept " + kept + " as promoted (onFailure: keep)";
    }
    return new TrainResult(trainId, outcome, failedService, detail, releases, durationMillis);
  }
}
