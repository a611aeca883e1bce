package io.rollwright.analysis;

/**
 * What a check remembers between samples: since when it has been breaching without a break
 * ({@code null}: not breaching), and how many samples in a row were inconclusive.
 */
public record CheckState(Long breachingSinceMillis, int inconclusiveRun) {
  public static final CheckState FRESH = new CheckState(null, 0);
}
