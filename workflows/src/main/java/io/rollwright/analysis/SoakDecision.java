package io.rollwright.analysis;

import io.rollwright.policy.BreachAction;

/**
 * Where a soak stands: {@code PASS} (keep going), {@code FAIL} with the failing check's action
 * (roll back, or pause for a human), or {@code INCONCLUSIVE} (pause: never a silent pass or
 * rollback).
 */
public record SoakDecision(Verdict verdict, BreachAction action, String reason) {
  public static final SoakDecision PASS =
      new SoakDecision(Verdict.PASS, null, "all checks within limits");

  public boolean stopsSoak() {
    return verdict != Verdict.PASS;
  }

  public boolean rollsBack() {
    return verdict == Verdict.FAIL && action == BreachAction.ROLLBACK;
  }
}
