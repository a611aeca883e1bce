package io.rollwright.workflow;

import io.rollwright.api.ControlEvent;
import java.util.List;

/**
 * Why a control is refused, before it is recorded: a sentence, or that its actor is not among the
 * approvers. Pure. The one who sent the control is answered with {@link #to}; the audit records
 * {@link #recorded}, whose detail reads the same.
 */
sealed interface Denial {

  /** The denial saying {@code reason}, or null when there is none. */
  static Denial because(String reason) {
    return reason == null ? null : new Because(reason);
  }

  /** Whether its actor lacks the standing to decide (is not an approver). */
  default boolean forbids() {
    return this instanceof NotAnApprover;
  }

  /** The refusal as the audit records it. */
  ControlEvent.Refusal recorded(long atMillis, String actor, String control);

  /** The answer to {@code actor}, who sent the control. */
  default String to(String actor) {
    return recorded(0, actor, "").reason();
  }

  /** Refused for the reason it says. */
  record Because(String reason) implements Denial {
    @Override
    public ControlEvent.Refusal recorded(long atMillis, String actor, String control) {
      return new ControlEvent.Refused(atMillis, actor, control, reason);
    }

    @Override
    public String to(String actor) {
      return reason;
    }
  }

  /**
   * The actor is not among {@code allowed}, who may decide the gate of {@code stage} (null: any
   * gate of the release).
   */
  record NotAnApprover(String stage, List<String> allowed) implements Denial {
    public NotAnApprover {
      allowed = List.copyOf(allowed);
    }

    @Override
    public ControlEvent.Refusal recorded(long atMillis, String actor, String control) {
      return new ControlEvent.NotAnApprover(atMillis, actor, control, stage, allowed);
    }
  }
}
