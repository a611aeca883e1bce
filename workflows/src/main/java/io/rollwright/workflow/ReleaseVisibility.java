package io.rollwright.workflow;

import io.rollwright.analysis.CheckReading;
import io.rollwright.analysis.Verdict;
import io.rollwright.api.AuditEntry;
import io.rollwright.api.GateStatus;
import io.rollwright.api.ReleaseSearchAttributes;
import io.rollwright.api.ReleaseStatus;
import io.rollwright.policy.DurationText;
import io.rollwright.policy.ReleasePolicy;
import io.rollwright.policy.Stage;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps what the Temporal Web UI and visibility show of a release current: its search attributes
 * (upserted only when a value changed, so history stays small) and its current details.
 */
final class ReleaseVisibility {
  private final Map<String, Object> published = new HashMap<>();
  private String plan = "";
  private String type;

  /**
   * The stages the release will go through, shown with every update: {@code canary 5/25/50 → 100}.
   */
  void plan(ReleasePolicy policy) {
    List<String> steps =
        new ArrayList<>(policy.stages().stream().map(st -> Stage.weightText(st.weight())).toList());
    if (policy.bake() != null) {
      steps.add(
          (policy.stages().isEmpty() ? "100% watched " : "bake ")
              + DurationText.format(policy.bake().duration()));
    }
    plan = " · plan " + String.join(" → ", steps);
  }

  /** The release's type, published with the next update (null: a release from before types). */
  void type(String releaseType) {
    type = releaseType;
  }

  /**
   * Publishes {@code s} as search attributes and details; {@code latest}, when set, is the event
   * just told, shown last in the details.
   */
  void publish(ReleaseStatus s, AuditEntry latest) {
    List<SearchAttributeUpdate<?>> updates = new ArrayList<>();
    changed(updates, ReleaseSearchAttributes.SERVICE, s.service());
    changed(updates, ReleaseSearchAttributes.VERSION, s.version());
    changed(updates, ReleaseSearchAttributes.ENVIRONMENT, s.environment());
    changed(updates, ReleaseSearchAttributes.REQUESTED_BY, s.requestedBy());
    changed(
        updates,
        ReleaseSearchAttributes.STATUS,
        s.result() != null ? s.result().outcome().name() : s.phase().name());
    changed(updates, ReleaseSearchAttributes.STAGE, s.stage());
    changed(updates, ReleaseSearchAttributes.WEIGHT, Math.round(s.weight()));
    changed(updates, ReleaseSearchAttributes.TYPE, type);
    if (!updates.isEmpty()) {
      Workflow.upsertTypedSearchAttributes(updates.toArray(new SearchAttributeUpdate<?>[0]));
    }
    Workflow.setCurrentDetails(
        details(s) + plan + (latest == null ? "" : "\n\nlatest: " + latest.sentence()));
  }

  private <T> void changed(
      List<SearchAttributeUpdate<?>> updates, SearchAttributeKey<T> key, T value) {
    if (value != null && !Objects.equals(published.get(key.getName()), value)) {
      published.put(key.getName(), value);
      updates.add(SearchAttributeUpdate.valueSet(key, value));
    }
  }

  /** The details panel: where the release is, the last verdict, and any pending approval. */
  static String details(ReleaseStatus s) {
    StringBuilder d = new StringBuilder();
    if (s.stage() != null) {
      d.append("stage ")
          .append(s.stageNumber())
          .append('/')
          .append(s.stageCount())
          .append(' ')
          .append(s.stage())
          .append(" · ");
    }
    d.append(Stage.weightText(s.weight()))
        .append(" on canary · **")
        .append(s.result() != null ? s.result().outcome() : s.phase())
        .append("**");
    if (s.pausedBecause() != null) {
      d.append("\n\npaused: ").append(s.pausedBecause());
    }
    if (s.heldBecause() != null) {
      d.append("\n\nheld: ").append(s.heldBecause());
    }
    List<CheckReading> failing =
        s.verdicts().stream().filter(r -> r.verdict() != Verdict.PASS || r.breaching()).toList();
    if (!s.verdicts().isEmpty()) {
      d.append("\n\nlast analysis: ")
          .append(failing.isEmpty() ? "all checks within limits" : failing.get(0).reason());
    }
    GateStatus gate = s.gate();
    if (gate != null) {
      d.append("\n\nawaiting approval: ")
          .append(gate.approvedBy().size())
          .append(" of ")
          .append(gate.required())
          .append(
              gate.approvedBy().isEmpty() ? "" : " (" + String.join(", ", gate.approvedBy()) + ")")
          .append(" from ")
          .append(String.join(", ", gate.allowed()));
    }
    if (s.result() != null) {
      d.append("\n\n").append(s.result().detail());
    }
    return d.toString();
  }
}
