package io.rollwright.workflow;

import io.rollwright.api.GateStatus;
import io.rollwright.api.TrainEvent.Kind;
import io.rollwright.api.TrainRequest;
import io.rollwright.policy.DurationText;
import io.rollwright.policy.Gate;
import io.rollwright.policy.TimeoutAction;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What one release of a train waits for once those it goes after are promoted: its bake, then its
 * approval gate. Runs in the train's workflow; its decisions are {@link ApprovalTally}'s.
 */
final class TrainGate {
  private final String label;
  private final Duration bake;
  private final Gate gate;
  private final Map<String, List<String>> groups;
  private final String requester;
  private final TrainNews news;
  private long bakedAtMillis;
  private boolean asked;
  private ApprovalTally tally;

  /**
   * The gate of {@code release}, named {@code label}; its approvers' groups are {@code groups},
   * {@code requester} (the train's) may not approve it, and {@code news} tells it as it opens and
   * closes.
   */
  TrainGate(
      TrainRequest.Release release,
      String label,
      Map<String, List<String>> groups,
      String requester,
      TrainNews news) {
    this.label = label;
    this.news = news;
    this.bake = release.bake();
    this.gate = release.gate() != null && release.gate().needsApproval() ? release.gate() : null;
    this.groups = groups;
    this.requester = requester;
  }

  /**
   * Waits out the bake, then for the gate's decision. Returns null once the release may start (or
   * as soon as {@code stopped} holds), else why it may not: rejected, or timed out to reject.
   */
  String pass(Supplier<Boolean> stopped) {
    if (bake != null) {
      bakedAtMillis = Workflow.currentTimeMillis() + bake.toMillis();
      Workflow.await(bake, stopped);
    }
    if (gate == null || stopped.get()) {
      return null;
    }
    ApprovalTally open =
        new ApprovalTally(
            label,
            gate,
            groups,
            requester,
            Workflow.currentTimeMillis() + gate.timeout().toMillis());
    tally = open;
    news.tell(
        Kind.GATE_OPENED,
        label,
        open.request("the gate of " + label, Workflow.currentTimeMillis()).sentence());
    asked = true;
    boolean decided = Workflow.await(gate.timeout(), () -> open.closed() || stopped.get());
    String refusal = null;
    if (!decided) {
      open.expire();
      refusal =
          gate.onTimeout() == TimeoutAction.APPROVE
              ? null
              : "its gate timed out after "
                  + DurationText.format(gate.timeout())
                  + " without the approvals it needs";
    } else if (open.rejected()) {
      refusal = open.rejection();
    }
    news.tell(Kind.GATE_CLOSED, label, label + " " + closing(decided, refusal, stopped.get()));
    return refusal;
  }

  /** What became of the gate, as a clause. */
  private String closing(boolean decided, String refusal, boolean stopped) {
    if (refusal != null) {
      return "may not start: " + refusal;
    }
    if (!decided) {
      return "may start: its gate timed out and approves on timeout";
    }
    return tally.approved()
        ? "may start: approved by " + String.join(", ", tally.approvedBy())
        : stopped ? "will not start: the train stopped" : "may start";
  }

  /**
   * Tells how far its open gate got: {@code progress}, unless that closed it; once its request has
   * been told, so the progress shows under it.
   */
  void progressed(String progress) {
    Workflow.await(() -> asked || open() == null);
    if (open() != null) {
      news.tell(Kind.GATE_PROGRESS, label, label + ": " + progress);
    }
  }

  /** The tally of the approval gate while it is open, else null. */
  ApprovalTally open() {
    return tally == null || tally.closed() || tally.expired() ? null : tally;
  }

  /** Where the release is at: {@code baking} until its bake ends, then {@code at gate}. */
  String state() {
    return tally == null && bake != null ? "baking" : "at gate";
  }

  /** What it waits for, as a clause. */
  String detail() {
    if (tally == null && (bake == null || bakedAtMillis == 0)) {
      return "its " + (bake == null ? "gate" : "bake") + " begins";
    }
    if (tally == null) {
      return "bakes "
          + DurationText.format(bake)
          + " after those it goes after were promoted, until "
          + Instant.ofEpochMilli(bakedAtMillis);
    }
    return "awaiting approval: "
        + tally.approvedBy().size()
        + " of "
        + gate.required()
        + " from "
        + String.join(", ", tally.status().allowed());
  }

  /** The open approval gate as the status shows it, else null. */
  GateStatus status() {
    return open() == null ? null : tally.status();
  }
}
