package io.rollwright.api;

/**
 * The release's answer to a control: whether it was accepted, and the message for the person who
 * sent it ("approved by bob@example.com (1 of 2)", or why it was refused). Refusals are also in the
 * audit timeline.
 */
public record ControlAnswer(boolean accepted, String message) {}
