package io.rollwright.workflow;

import java.util.Collection;
import java.util.List;

/** Which open gate of a train a decision is for. Pure. */
final class TrainGates {
  private TrainGates() {}

  /**
   * The release of {@code cars} whose open gate a decision naming {@code stage} decides: the one it
   * names ({@code <service>} or {@code <service>@<environment>}), else the only one open; null when
   * there is none.
   */
  static TrainCar decided(Collection<TrainCar> cars, String stage) {
    List<TrainCar> open = open(cars).stream().filter(c -> stage == null || c.named(stage)).toList();
    return open.size() == 1 ? open.get(0) : null;
  }

  /** Why train {@code id} has no gate for a decision naming {@code stage}, or null. */
  static String noGate(String id, Collection<TrainCar> cars, String stage) {
    if (decided(cars, stage) != null) {
      return null;
    }
    List<String> open = open(cars).stream().map(TrainCar::label).toList();
    if (open.isEmpty()) {
      return id + " has no gate open";
    }
    return stage == null
        ? id + " has several gates open (" + String.join(", ", open) + "): name one"
        : id + " has no gate of " + stage + " open (open: " + String.join(", ", open) + ")";
  }

  private static List<TrainCar> open(Collection<TrainCar> cars) {
    return cars.stream().filter(c -> c.atGate() && c.gate.open() != null).toList();
  }
}
