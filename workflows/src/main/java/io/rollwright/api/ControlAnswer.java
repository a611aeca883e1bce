package io.rollwright.api;

/**
 * The release's answer to a control: whether it was accepted, and the message for the person who
 * sent it ("approved by bob@example.com (1 of 2)", or why it was refused). {@code forbidden}: it
 * was refused because the sender lacks the role it needs (the REST API answers 403).
 */
public record ControlAnswer(boolean accepted, String message, boolean forbidden) {
  public ControlAnswer(boolean accepted, String message) {
    this(accepted, message, false);
  }
}
