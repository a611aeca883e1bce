package io.rollwright.workflow;

import io.rollwright.api.ApprovalDecision;
import io.rollwright.api.ControlAnswer;
import io.rollwright.api.ControlCommand;
import io.rollwright.api.ControlCommand.Action;
import io.rollwright.api.ControlEvent;
import io.rollwright.api.ControlEvent.Promotion;
import io.rollwright.api.ControlRequest;
import io.rollwright.api.Phase;
import io.rollwright.api.PromoteRequest;
import io.rollwright.api.RollbackReason;
import io.rollwright.policy.BreachAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rules for the controls people send a release, applied to its {@link ReleaseState}. Pure.
 * Every control is answered only with what will happen:
 *
 * <ul>
 *   <li>once a rollback has begun nothing turns it into a promotion, pause does not hold it, and
 *       every control is refused saying so;
 *   <li>from the moment the promotion starts writing traffic an abort is refused (the new version
 *       is on its way to stable; undo it with a release of the previous version);
 *   <li>an approval or rejection that reached the server after the gate's deadline is refused;
 *   <li>an alert aborts, or pauses when the policy's {@code analysis.onAlert} is {@code pause}.
 * </ul>
 */
final class ControlRules {
  private static final String OFFER = "offered";
  private final ReleaseState s;

  ControlRules(ReleaseState state) {
    this.s = state;
  }

  /**
   * Why no control can act on the release now (it ended, is rolling back or is being promoted), or
   * null.
   */
  private String closedTo(ControlCommand.Action action) {
    if (s.result != null) {
      return "the release has ended (" + s.result.outcome() + ")";
    }
    if (s.stop != null) {
      return (action == ControlCommand.Action.ABORT
              ? "the release is already rolling back ("
              : "the release is rolling back (")
          + s.stop.reason().name().toLowerCase(Locale.ROOT)
          + ": "
          + s.stop.detail()
          + ")";
    }
    if (s.phase == Phase.PROMOTING) {
      return action == ControlCommand.Action.ABORT
          ? "the new version is being promoted to stable and an abort can no longer stop it; once it has ended, undo it by releasing the previous version"
          : "the new version is being promoted to stable";
    }
    return null;
  }

  /** See {@link ReleaseState#certainRefusal}. */
  Denial certainRefusal(ControlCommand c) {
    Denial refusal =
        CertainRefusals.of(
            c,
            c == null || c.action() == null ? null : closedTo(c.action()),
            s.approvers,
            s.request.requestedBy());
    return refusal != null ? refusal : Denial.because(roleRefusal(c));
  }

  /** See {@link ReleaseState#offeredTo}. */
  List<String> offeredTo(String caller) {
    List<String> offered = new ArrayList<>();
    if (caller == null || caller.isBlank()) {
      return offered;
    }
    for (Action a :
        List.of(Action.APPROVE, Action.REJECT, Action.PAUSE, Action.RESUME, Action.ABORT)) {
      boolean fits =
          switch (a) {
            case APPROVE, REJECT ->
                s.gate != null
                    && s.gate.refusal(new ApprovalDecision(caller, OFFER), a == Action.APPROVE)
                        == null;
            case PAUSE -> !s.paused();
            case RESUME -> s.paused();
            default -> true;
          };
      if (fits && certainRefusal(new ControlCommand(a, caller, OFFER, null)) == null) {
        offered.add(a.command());
      }
    }
    return offered;
  }

  /** See {@link ReleaseState#roleRefusal}. */
  String roleRefusal(ControlCommand c) {
    return s.permissions == null || c == null || c.action() == null || c.actor() == null
        ? null
        : s.permissions.controlRefusal(c);
  }

  /** See {@link ReleaseState#apply(ControlCommand, boolean)}. */
  ControlAnswer apply(ControlCommand c, boolean afterDeadline) {
    Denial certain = certainRefusal(c);
    if (certain != null) {
      return s.refuse(CertainRefusals.signal(c), c == null ? null : c.actor(), certain);
    }
    boolean decision =
        c.action() == ControlCommand.Action.APPROVE || c.action() == ControlCommand.Action.REJECT;
    if (decision && c.stage() != null && (s.gate == null || !s.gate.stage().equals(c.stage()))) {
      return s.refuse(
          CertainRefusals.signal(c), c.actor(), "the gate of stage " + c.stage() + " is closed");
    }
    return switch (c.action()) {
      case APPROVE, REJECT ->
          decide(
              CertainRefusals.signal(c),
              new ApprovalDecision(c.actor(), c.reason()),
              afterDeadline);
      case PAUSE -> pause(c.actor(), c.reason());
      case RESUME -> resume(c.actor(), c.reason());
      case ABORT -> abort(c.actor(), c.reason());
      case ALERT ->
          s.onAlert == BreachAction.PAUSE
              ? pause(c.actor(), c.reason())
              : abort(c.actor(), c.reason());
      case PROMOTE, PROMOTE_FULL ->
          promoted(
              new PromoteRequest(
                  c.actor(), c.reason(), c.action() == ControlCommand.Action.PROMOTE_FULL));
    };
  }

  // The rules below see only controls that passed certainRefusal.

  private ControlAnswer pause(String actor, String reason) {
    if (s.pausedBecause != null) {
      return s.refuse("pause", actor, "the release is already paused (" + s.pausedBecause + ")");
    }
    s.pausedBecause = "paused by " + actor + (blank(reason) ? "" : ": " + reason);
    return s.accept(new ControlEvent.Paused(s.now(), actor, reason));
  }

  private ControlAnswer resume(String actor, String reason) {
    if (s.pausedBecause == null) {
      return s.refuse("resume", actor, "the release is not paused");
    }
    if (s.killedBy() != null) {
      return s.refuse(
          "resume",
          actor,
          "held by the " + s.killedBy() + "; it goes on when the switch is turned off");
    }
    s.pausedBecause = null;
    return s.accept(new ControlEvent.Resumed(s.now(), actor, reason));
  }

  private ControlAnswer abort(String actor, String reason) {
    s.abort = new ControlRequest(actor, reason);
    s.beginRollback(RollbackReason.ABORTED, "aborted by " + actor + ": " + reason);
    return s.accept(new ControlEvent.Aborted(s.now(), actor, reason));
  }

  private ControlAnswer promoted(PromoteRequest p) {
    String actor = p.actor();
    String signal = p.full() ? "promote --full" : "promote";
    if (p.full()) {
      if (s.fullPromote != null) {
        return s.refuse(
            signal,
            actor,
            "a full promotion by " + s.fullPromote.actor() + " is already under way");
      }
      if (s.permissions != null && !s.permissions.solo()) {
        if (s.fullAsked == null) {
          s.fullAsked = p;
          return s.accept(promotion(actor, Promotion.FULL_ASKED, p.reason()));
        }
        String second = s.permissions.secondPersonRefusal(s.fullAsked.actor(), actor);
        if (second != null) {
          return s.refuse(signal, actor, second);
        }
        s.fullPromote =
            new PromoteRequest(
                s.fullAsked.actor() + " (confirmed by " + actor + ")", s.fullAsked.reason(), true);
        s.pausedBecause = null;
        return s.accept(
            promotion(
                actor,
                Promotion.FULL,
                "confirming " + s.fullAsked.actor() + ": " + s.fullAsked.reason()));
      }
      s.fullPromote = p;
      s.pausedBecause = null;
      return s.accept(promotion(actor, Promotion.FULL, p.reason()));
    }
    if (!s.soaking || s.skipSoak || s.fullPromote != null) {
      return s.refuse(
          signal,
          actor,
          s.gate != null
              ? "stage "
                  + s.stage
                  + " has finished its soak and waits at its gate: approve it, or promote --full"
              : "no soak is running to end");
    }
    s.skipSoak = true;
    boolean resumed = s.pausedBecause != null;
    s.pausedBecause = null;
    return s.accept(
        promotion(
            actor, resumed ? Promotion.RESUMED_AND_SOAK_ENDED : Promotion.SOAK_ENDED, p.reason()));
  }

  private ControlEvent.Promoted promotion(String actor, Promotion how, String reason) {
    return new ControlEvent.Promoted(s.now(), actor, how, s.stage, reason);
  }

  /**
   * An approval or rejection; {@code afterDeadline}: the server recorded it after the open gate's
   * deadline had passed.
   */
  private ControlAnswer decide(String signal, ApprovalDecision d, boolean afterDeadline) {
    String actor = d.approver();
    if (s.gate == null) {
      return s.refuse(signal, actor, "no approval gate is open");
    }
    ApprovalTally.Answer answer =
        afterDeadline
            ? ApprovalTally.Answer.no(
                Denial.because(
                    "the gate of stage "
                        + s.gate.stage()
                        + " had passed its deadline when this arrived"),
                actor)
            : signal.equals("approve") ? s.gate.approve(d) : s.gate.reject(d);
    if (!answer.accepted()) {
      return s.refuse(signal, actor, answer.denial());
    }
    s.record(
        new ControlEvent.Decided(
            s.now(), actor, signal.equals("approve"), answer.message(), d.reason()));
    if (s.gate.rejected()) {
      s.beginRollback(RollbackReason.REJECTED, s.gate.rejection());
    }
    return new ControlAnswer(true, answer.message());
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}
