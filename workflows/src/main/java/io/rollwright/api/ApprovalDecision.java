package io.rollwright.api;

/** Payload of the {@code approve} and {@code reject} signals: who decides, and why (required to reject). */
public record ApprovalDecision(String approver, String reason) {}
