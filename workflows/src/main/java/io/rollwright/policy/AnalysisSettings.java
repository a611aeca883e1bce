package io.rollwright.policy;

import java.time.Duration;

/**
 * How soaks are analysed: which metric provider, how often it is sampled, how much canary traffic a
 * sample needs to count, and how many samples in a row without a usable answer make the analysis
 * INCONCLUSIVE.
 */
public record AnalysisSettings(
    String provider,
    @DurationField Duration interval,
    Long minRequests,
    Integer inconclusiveAfter) {

  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);

  public AnalysisSettings {
    interval = interval == null ? DEFAULT_INTERVAL : interval;
    minRequests = minRequests == null ? 0L : minRequests;
    inconclusiveAfter = inconclusiveAfter == null ? 3 : inconclusiveAfter;
  }

  public AnalysisSettings withProvider(String name) {
    return new AnalysisSettings(name, interval, minRequests, inconclusiveAfter);
  }
}
