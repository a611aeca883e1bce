package io.rollwright.api;

import io.rollwright.analysis.CheckReading;
import io.rollwright.analysis.LiveSoak;
import io.rollwright.analysis.ReadingPoint;
import io.rollwright.analysis.ReadingSeries;
import io.rollwright.policy.Strategy;
import java.util.List;

/**
 * The answer of the {@code status} query: where the release is, the traffic weight on the canary,
 * any open gate with who has approved, the latest analysis readings, the pre-flight results, the
 * result once it ended, and the audit timeline of every decision. While a stage is analysed, front
 * doors add the live readings of its analysis run ({@code analysis}, from the run's last
 * heartbeat); the release's own answer leaves it null. {@code heldBecause} says why the deploy
 * calendar holds the next change and until when (phase {@code HELD}). {@code readings} are each
 * check's readings over time in the analysis runs that ended ({@link ReadingSeries#join}).
 */
public record ReleaseStatus(
    String releaseId,
    String service,
    String version,
    String environment,
    Strategy strategy,
    String requestedBy,
    String policy,
    Phase phase,
    int stageNumber,
    int stageCount,
    String stage,
    double weight,
    String pausedBecause,
    GateStatus gate,
    List<CheckReading> verdicts,
    List<PreflightResult> preflight,
    ReleaseResult result,
    List<AuditEntry> audit,
    long startedAtMillis,
    LiveSoak analysis,
    String heldBecause,
    List<ReadingPoint> readings) {
  public ReleaseStatus {
    readings = readings == null ? List.of() : List.copyOf(readings);
  }

  public ReleaseStatus(
      String releaseId,
      String service,
      String version,
      String environment,
      Strategy strategy,
      String requestedBy,
      String policy,
      Phase phase,
      int stageNumber,
      int stageCount,
      String stage,
      double weight,
      String pausedBecause,
      GateStatus gate,
      List<CheckReading> verdicts,
      List<PreflightResult> preflight,
      ReleaseResult result,
      List<AuditEntry> audit,
      long startedAtMillis) {
    this(
        releaseId,
        service,
        version,
        environment,
        strategy,
        requestedBy,
        policy,
        phase,
        stageNumber,
        stageCount,
        stage,
        weight,
        pausedBecause,
        gate,
        verdicts,
        preflight,
        result,
        audit,
        startedAtMillis,
        null,
        null,
        List.of());
  }

  /** This status with the live readings of the stage's analysis run. */
  public ReleaseStatus withAnalysis(LiveSoak live) {
    return with(live, readings);
  }

  /** This status with {@code kept} as its readings over time (none: for a door that drew them). */
  public ReleaseStatus withReadings(List<ReadingPoint> kept) {
    return with(analysis, kept);
  }

  private ReleaseStatus with(LiveSoak live, List<ReadingPoint> kept) {
    return new ReleaseStatus(
        releaseId,
        service,
        version,
        environment,
        strategy,
        requestedBy,
        policy,
        phase,
        stageNumber,
        stageCount,
        stage,
        weight,
        pausedBecause,
        gate,
        verdicts,
        preflight,
        result,
        audit,
        startedAtMillis,
        live,
        heldBecause,
        kept);
  }
}
