package io.rollwright.analysis;

import io.rollwright.policy.BreachAction;

/**
 * One check's latest reading as people see it: the measured canary value, the baseline, the
 * effective limit, the verdict and a human reason ("error-rate 18.20% > 15.00%").
 */
public record CheckReading(
    String check,
    String metric,
    Verdict verdict,
    boolean breaching,
    Double canary,
    Double baseline,
    double limit,
    BreachAction onBreach,
    String reason,
    long atMillis) {}
