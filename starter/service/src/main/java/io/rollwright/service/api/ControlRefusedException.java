package io.rollwright.service.api;

/**
 * The release refused a control; the message says why. {@code forbidden}: the caller lacks the role
 * it needs.
 */
public final class ControlRefusedException extends RuntimeException {
  private final boolean forbidden;

  public ControlRefusedException(String why, boolean forbidden) {
    super(why);
    this.forbidden = forbidden;
  }

  public boolean forbidden() {
    return forbidden;
  }
}
