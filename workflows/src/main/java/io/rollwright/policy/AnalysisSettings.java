package io.rollwright.policy;

import java.time.Duration;

/**
 * How soaks are analysed: which metric provider, how often it is sampled, how much canary traffic a
 * sample needs to count, and how many samples in a row without a usable answer make the analysis
 * INCONCLUSIVE. {@code onAlert}: what an alert that fires for the service and environment during
 * the release does to it (roll back, the default, or pause for a human).
 */
public record AnalysisSettings(
    String provider,
    @DurationField Duration interval,
    Long minRequests,
    Integer inconclusiveAfter,
    BreachAction onAlert) {

  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);

  public AnalysisSettings {
    interval = interval == null ? DEFAULT_INTERVAL : interval;
    minRequests = minRequests == null ? 0L : minRequests;
    inconclusiveAfter = inconclusiveAfter == null ? 3 : inconclusiveAfter;
    onAlert = onAlert == null ? BreachAction.ROLLBACK : onAlert;
  }

  public AnalysisSettings withProvider(String name) {
    return new AnalysisSettings(name, interval, minRequests, inconclusiveAfter, onAlert);
  }
}
