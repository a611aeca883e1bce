package io.rollwright.api;

import io.rollwright.analysis.CheckReading;
import java.util.List;

/**
 * The answer of the {@code status} query: where the release is, the traffic weight on the canary,
 * any open gate with who has approved, the latest analysis readings, the pre-flight results, the
 * result once it ended, and the audit timeline of every decision.
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
    long startedAtMillis) {}
