package io.rollwright.api;

import java.util.List;

/**
 * How a train ended: {@code PROMOTED} when every release was promoted; {@code ROLLED_BACK} when one
 * failed and every release the train had promoted was rolled back; {@code BLOCKED} when one was
 * blocked before the train changed anything; {@code FAILED} when a rollback did not put a service
 * back (someone must look). {@code failedService} names the release that stopped the train and
 * {@code detail} why; {@code releases} says what became of each service, in the train's order.
 */
public record TrainResult(
    String trainId,
    ReleaseOutcome outcome,
    String failedService,
    String detail,
    List<Car> releases,
    long durationMillis) {

  public TrainResult {
    releases = List.copyOf(releases);
  }

  /**
   * What became of one service in one environment: its release's outcome and why ({@code null}
   * outcome: never started), and the outcome of the rollback the train ran for it, if it ran one.
   */
  public record Car(
      String service,
      String environment,
      String version,
      ReleaseOutcome outcome,
      String detail,
      ReleaseOutcome rollback,
      String rollbackDetail) {}
}
