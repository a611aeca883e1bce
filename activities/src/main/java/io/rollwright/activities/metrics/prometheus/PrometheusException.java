package io.rollwright.activities.metrics.prometheus;

/**
 * Prometheus could not answer: unreachable, overloaded ({@code 503}), or the query itself is wrong
 * ({@code bad_data}, HTTP 400/422), with Prometheus's {@code errorType} and message.
 */
public class PrometheusException extends RuntimeException {
  private final String errorType;
  private final int httpStatus;

  public PrometheusException(String errorType, String message, int httpStatus) {
    super(message);
    this.errorType = errorType;
    this.httpStatus = httpStatus;
  }

  public String errorType() {
    return errorType;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** Whether asking again later may work: unreachable or 5xx, not a query Prometheus rejected. */
  public boolean retryable() {
    return httpStatus == 0 || httpStatus >= 500;
  }
}
