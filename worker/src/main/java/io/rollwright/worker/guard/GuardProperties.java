package io.rollwright.worker.guard;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The termination guard under {@code rollwright.guard.*} ({@code rollwright.guard.enabled=false}
 * turns its sweep off on a worker).
 *
 * @param every how often it looks for releases ended from outside (default 30s)
 * @param lookback how far back it looks (default 7 days): a run compensated once is never again
 */
@ConfigurationProperties("rollwright.guard")
public record GuardProperties(Duration every, Duration lookback) {
  public GuardProperties {
    every = every == null ? Duration.ofSeconds(30) : every;
    lookback = lookback == null ? Duration.ofDays(7) : lookback;
  }
}
