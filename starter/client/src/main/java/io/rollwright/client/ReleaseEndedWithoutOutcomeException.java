package io.rollwright.client;

/**
 * The release's workflow closed without an outcome: refused as invalid ({@link #invalid()}), or
 * terminated, cancelled or timed out from outside, in which case traffic may still be split and a
 * human must look.
 */
public final class ReleaseEndedWithoutOutcomeException extends RuntimeException {
  private final boolean invalid;

  public ReleaseEndedWithoutOutcomeException(String message, boolean invalid) {
    super(message);
    this.invalid = invalid;
  }

  /** The request or its policy was refused before anything was deployed. */
  public boolean invalid() {
    return invalid;
  }
}
