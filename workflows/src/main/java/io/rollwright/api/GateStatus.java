package io.rollwright.api;

import java.util.List;

/**
 * An open approval gate: how many approvals it needs, from whom, who has approved, and its
 * deadline.
 */
public record GateStatus(
    String stage,
    int required,
    List<String> allowed,
    List<String> approvedBy,
    long deadlineMillis) {}
