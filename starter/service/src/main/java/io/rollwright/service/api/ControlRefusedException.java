package io.rollwright.service.api;

import io.rollwright.api.ControlAnswer;

/**
 * The release (or train) refused a control; the message says why. {@code forbidden}: the caller
 * lacks the role it needs.
 */
public final class ControlRefusedException extends RuntimeException {
  private final boolean forbidden;

  public ControlRefusedException(String why, boolean forbidden) {
    super(why);
    this.forbidden = forbidden;
  }

  /** {@code answer} when it was accepted; else its refusal, thrown. */
  static ControlAnswer unlessRefused(ControlAnswer answer) {
    if (!answer.accepted()) {
      throw new ControlRefusedException(answer.message(), answer.forbidden());
    }
    return answer;
  }

  public boolean forbidden() {
    return forbidden;
  }
}
