package io.rollwright.workflow;

import io.rollwright.api.ApprovalDecision;
import io.rollwright.api.ApprovalEvent;
import io.rollwright.api.GateStatus;
import io.rollwright.policy.Gate;
import io.rollwright.policy.Quorum;
import io.rollwright.policy.Stage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The approval rules of one open gate. Pure. An approval counts only from an allowed approver who
 * is not the requester and has not approved already; everything else is refused with the reason.
 * The gate is approved once the approvals meet its {@link Quorum}.
 */
public final class ApprovalTally {
  /**
   * The answer to one decision: {@code message} says what it did, or why it did not count ({@code
   * denial}, null when it counted).
   */
  public record Answer(String message, Denial denial) {
    static Answer yes(String message) {
      return new Answer(message, null);
    }

    static Answer no(Denial denial, String actor) {
      return new Answer(denial.to(actor), denial);
    }

    /** Whether the decision counted. */
    public boolean accepted() {
      return denial == null;
    }
  }

  private final String stage;
  private final Gate gate;
  private final String requester;
  private final long deadlineMillis;
  private final Quorum quorum;
  private final Set<String> allowed = new LinkedHashSet<>();
  private final List<String> approvedBy = new ArrayList<>();
  private String rejection;
  private boolean expired;

  public ApprovalTally(
      String stage,
      Gate gate,
      Map<String, List<String>> groups,
      String requester,
      long deadlineMillis) {
    this.stage = stage;
    this.gate = gate;
    this.requester = requester;
    this.deadlineMillis = deadlineMillis;
    this.quorum = Quorum.of(gate, groups);
    allowed.addAll(allowed(gate, groups));
  }

  /**
   * The tally of {@code gate} opened at {@code nowMillis} with its timeout, or reopened as the run
   * a release continued from {@code carried} it: its approvals and deadline stand.
   */
  static ApprovalTally open(
      String stage,
      Gate gate,
      Map<String, List<String>> groups,
      String requester,
      long nowMillis,
      ReleaseCheckpoint.Resume carried) {
    ApprovalTally tally =
        new ApprovalTally(
            stage,
            gate,
            groups,
            requester,
            carried != null ? carried.deadlineMillis() : nowMillis + gate.timeout().toMillis());
    if (carried != null) {
      carried.approvedBy().forEach(name -> tally.approve(new ApprovalDecision(name, null)));
    }
    return tally;
  }

  /** The request this gate makes, named {@code name} ("stage canary"), at {@code now}. */
  ApprovalEvent.Requested request(String name, long now) {
    return new ApprovalEvent.Requested(
        now,
        ReleaseState.SYSTEM,
        name,
        gate.required(),
        List.copyOf(allowed),
        gate.timeout().toMillis(),
        deadlineMillis,
        gate.fromEach());
  }

  /**
   * Who may decide {@code gate}: its approvers and the members of its groups and of its {@code
   * fromEach} groups, in the policy's order.
   */
  public static Set<String> allowed(Gate gate, Map<String, List<String>> groups) {
    Set<String> names = new LinkedHashSet<>(gate.approvers());
    for (String group : gate.groups()) {
      names.addAll(groups.getOrDefault(group, List.of()));
    }
    for (String group : gate.fromEach()) {
      names.addAll(groups.getOrDefault(group, List.of()));
    }
    return names;
  }

  /** Who may decide at least one approval gate of {@code stages}. */
  public static Set<String> allowedAtAnyGate(List<Stage> stages, Map<String, List<String>> groups) {
    Set<String> names = new LinkedHashSet<>();
    stages.stream()
        .filter(s -> s.gate().needsApproval())
        .forEach(s -> names.addAll(allowed(s.gate(), groups)));
    return names;
  }

  public Answer approve(ApprovalDecision d) {
    Denial refusal = refusal(d, true);
    if (refusal != null) {
      return Answer.no(refusal, d == null ? null : d.approver());
    }
    approvedBy.add(d.approver());
    String missing = gate.fromEach().isEmpty() ? null : quorum.missing(approvedBy);
    return Answer.yes(
        "approved by "
            + d.approver()
            + " ("
            + approvedBy.size()
            + " of "
            + required()
            + (missing == null ? "" : "; " + missing)
            + ")");
  }

  /**
   * Why {@code approver} may never approve a release {@code requester} asked for (it is theirs), or
   * null.
   */
  public static String selfApproval(String approver, String requester) {
    return approver != null && approver.equals(requester)
        ? approver + " requested this release and cannot approve it"
        : null;
  }

  public Answer reject(ApprovalDecision d) {
    Denial refusal = refusal(d, false);
    if (refusal != null) {
      return Answer.no(refusal, d == null ? null : d.approver());
    }
    rejection = "rejected by " + d.approver() + ": " + d.reason();
    return Answer.yes(rejection);
  }

  /**
   * Why {@code d} would not count, as an approval ({@code approving}) or a rejection, or null; it
   * changes nothing.
   */
  Denial refusal(ApprovalDecision d, boolean approving) {
    if (!approving) {
      Denial refusal = refusal(d);
      return refusal == null && (d.reason() == null || d.reason().isBlank())
          ? Denial.because("a rejection needs a reason")
          : refusal;
    }
    Denial refusal =
        d != null && !closed() ? Denial.because(selfApproval(d.approver(), requester)) : null;
    refusal = refusal != null ? refusal : refusal(d);
    if (refusal == null && approvedBy.contains(d.approver())) {
      refusal = Denial.because(d.approver() + " has already approved; an approver counts once");
    }
    return refusal;
  }

  private Denial refusal(ApprovalDecision d) {
    if (closed()) {
      return Denial.because("the gate of stage " + stage + " is already closed");
    }
    if (d == null || d.approver() == null || d.approver().isBlank()) {
      return Denial.because("the decision names no approver");
    }
    if (!allowed.contains(d.approver())) {
      return new Denial.NotAnApprover(stage, List.copyOf(allowed));
    }
    return null;
  }

  public String stage() {
    return stage;
  }

  public boolean approved() {
    return quorum.met(approvedBy);
  }

  public boolean rejected() {
    return rejection != null;
  }

  public boolean closed() {
    return approved() || rejected();
  }

  /**
   * The gate's deadline has passed (as the server recorded it): nothing arriving after this counts.
   */
  public void expire() {
    expired = true;
  }

  public boolean expired() {
    return expired;
  }

  public String rejection() {
    return rejection;
  }

  public List<String> approvedBy() {
    return List.copyOf(approvedBy);
  }

  private int required() {
    return gate.required();
  }

  public GateStatus status() {
    return new GateStatus(
        stage,
        required(),
        List.copyOf(allowed),
        approvedBy(),
        deadlineMillis,
        gate.fromEach(),
        quorum.missing(approvedBy));
  }
}
