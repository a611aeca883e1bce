package io.rollwright.workflow;

import io.rollwright.api.ProgressEvent;
import io.rollwright.api.PromotedRelease;
import io.rollwright.api.ReleaseMemo;
import io.rollwright.api.ReleaseRequest;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The start of a rollback release: the version it puts back, chosen from release history ({@link
 * UndoChoice}), or its refusal before anything runs; the release marked a rollback in its memo,
 * where history and DORA read it; and, once it has started, the audit's {@code rollback} event.
 */
final class ReleaseUndo {
  private final ReleaseSteps steps;
  private final ReleaseAdmission admission;
  private final ReleaseState state;
  private final ReleaseNews news;
  private UndoChoice choice;

  ReleaseUndo(
      ReleaseSteps steps, ReleaseAdmission admission, ReleaseState state, ReleaseNews news) {
    this.steps = steps;
    this.admission = admission;
    this.state = state;
    this.news = news;
  }

  /** The request with the version and image the rollback puts back; refused when there is none. */
  ReleaseRequest choose(ReleaseRequest rollback) {
    List<PromotedRelease> promoted;
    try {
      promoted = steps.promoted(rollback);
    } catch (ActivityFailure e) {
      throw admission.refusal("could not read release history: " + Failures.describe(e));
    }
    choice = UndoChoice.of(rollback, promoted);
    if (choice.refusal() != null) {
      throw admission.refusal(choice.refusal());
    }
    Map<String, Object> memo = new HashMap<>();
    memo.put(ReleaseMemo.KIND, "rollback");
    if (choice.from() != null) {
      memo.put(ReleaseMemo.ROLLBACK_FROM, choice.from());
    }
    Workflow.upsertMemo(memo);
    return choice.request();
  }

  /** The version the rollback chosen in this run replaces, or null. */
  String replaced() {
    return choice == null ? null : choice.from();
  }

  /** Audits and tells the rollback chosen in this run, if one was. */
  void announce() {
    if (choice == null) {
      return;
    }
    ReleaseRequest chosen = choice.request();
    ProgressEvent.Undoing undoing =
        new ProgressEvent.Undoing(
            state.now(), chosen.requestedBy(), choice.from(), chosen.version(), chosen.reason());
    state.record(undoing);
    news.tell(undoing);
  }
}
