package io.rollwright.api;

/** Payload of the approve and reject signals: who decides, and why (required to reject). */
public record ApprovalDecision(String approver, String reason) {}
