package io.rollwright.client;

/**
 * A release of the same service and environment is already running: Temporal refused a second one.
 */
public class ReleaseInProgressException extends RuntimeException {
  public ReleaseInProgressException(String message) {
    super(message);
  }
}
