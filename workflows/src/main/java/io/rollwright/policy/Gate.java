package io.rollwright.policy;

import java.time.Duration;
import java.util.List;

/**
 * The end of a stage. {@code auto} passes by itself; {@code approval} needs {@code required}
 * distinct approvers drawn from {@code approvers} and the members of {@code groups} and {@code
 * fromEach}, and at least one from each group of {@code fromEach} (see {@link Quorum}), before
 * {@code timeout}. With {@code fromEach} and no {@code required}, one from each group is enough.
 */
public record Gate(
    GateType type,
    Integer required,
    List<String> approvers,
    List<String> groups,
    List<String> fromEach,
    @DurationField Duration timeout,
    TimeoutAction onTimeout) {

  public static final Gate AUTO = new Gate(GateType.AUTO, null, null, null, null, null, null);

  public Gate {
    approvers = approvers == null ? List.of() : List.copyOf(approvers);
    groups = groups == null ? List.of() : List.copyOf(groups);
    fromEach = fromEach == null ? List.of() : List.copyOf(fromEach);
    required =
        required == null && !fromEach.isEmpty() ? Integer.valueOf(fromEach.size()) : required;
    onTimeout = onTimeout == null ? TimeoutAction.REJECT : onTimeout;
  }

  public boolean needsApproval() {
    return type == GateType.APPROVAL;
  }
}
