package io.rollwright.service.api;

/** The release refused a control; the message says why (it is also in the release's audit timeline). */
public final class ControlRefusedException extends RuntimeException {
  public ControlRefusedException(String why) {
    super(why);
  }
}
