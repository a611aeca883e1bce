package io.rollwright.workflow;

import io.rollwright.api.ControlAnswer;
import io.rollwright.api.KillSwitch;
import io.rollwright.api.KillSwitchActivities;
import io.rollwright.api.KillSwitchFlip;
import io.rollwright.api.KillSwitchWorkflow;
import io.rollwright.policy.Limits;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import io.temporal.workflow.WorkflowLock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * A kill switch as the process it runs: take each flip in turn, refuse it when its sender lacks the
 * role or it changes nothing, else keep it and tell every running release it governs. Continues as
 * new, carrying the switch, after {@link #FLIPS_PER_RUN} flips.
 */
public class KillSwitchWorkflowImpl implements KillSwitchWorkflow {
  static final int FLIPS_PER_RUN = 200;
  private static final Logger LOG = Workflow.getLogger(KillSwitchWorkflowImpl.class);

  private final KillSwitchActivities activities =
      Workflow.newActivityStub(
          KillSwitchActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofMinutes(1))
              .setRetryOptions(
                  RetryOptions.newBuilder().setMaximumInterval(Duration.ofSeconds(30)).build())
              .build());
  private final WorkflowLock turn = Workflow.newWorkflowLock();
  private KillSwitch current;
  private int handled;

  @WorkflowInit
  public KillSwitchWorkflowImpl(KillSwitch carried) {
    current =
        carried != null ? carried : KillSwitch.off(scopeOf(Workflow.getInfo().getWorkflowId()));
  }

  @Override
  public void run(KillSwitch carried) {
    Workflow.await(() -> handled >= FLIPS_PER_RUN && Workflow.isEveryHandlerFinished());
    Workflow.continueAsNew(current);
  }

  /** The scope a switch's workflow ID names: {@code global} or a release ID. */
  static String scopeOf(String workflowId) {
    String scope = workflowId.substring(workflowId.indexOf(':') + 1);
    if (!KillSwitchFlip.GLOBAL.equals(scope) && !scope.contains("@")) {
      throw new IllegalArgumentException(
          "a kill switch's workflow ID is kill-switch:global or kill-switch:<service>@<environment>"
              + " (got "
              + workflowId
              + ")");
    }
    return scope;
  }

  @Override
  public ControlAnswer flip(KillSwitchFlip flip) {
    turn.lock();
    try {
      handled++;
      return apply(flip);
    } finally {
      turn.unlock();
    }
  }

  private ControlAnswer apply(KillSwitchFlip f) {
    String refused = f == null ? "the flip is empty" : malformed(f);
    if (refused == null) {
      String forbidden = activities.flipRefusal(current.scope(), f.actor());
      if (forbidden != null) {
        return refuse(forbidden, true);
      }
    }
    if (refused == null && f.on() == current.on()) {
      refused = "the kill switch " + current.scope() + " is already " + (f.on() ? "on" : "off");
    }
    if (refused != null) {
      return refuse(refused, false);
    }
    KillSwitchFlip kept =
        new KillSwitchFlip(
            current.scope(), f.on(), f.actor(), f.reason(), Workflow.currentTimeMillis());
    List<KillSwitchFlip> flips = new ArrayList<>(current.flips());
    flips.add(kept);
    current =
        new KillSwitch(
            current.scope(),
            kept.on(),
            kept,
            flips.subList(Math.max(0, flips.size() - KillSwitch.KEPT), flips.size()));
    int told = activities.tellReleases(kept);
    return new ControlAnswer(true, kept.sentence() + " (" + told + " running release(s) told)");
  }

  private ControlAnswer refuse(String why, boolean forbidden) {
    LOG.warn("kill switch {}: refused a flip: {}", current.scope(), why);
    return new ControlAnswer(false, why, forbidden);
  }

  private static String malformed(KillSwitchFlip f) {
    if (f.actor() == null || f.actor().isBlank() || f.actor().length() > Limits.ACTOR) {
      return "a flip names who flips it (at most " + Limits.ACTOR + " characters)";
    }
    if (f.reason() == null || f.reason().isBlank() || f.reason().length() > Limits.REASON) {
      return "a flip says why (at most " + Limits.REASON + " characters)";
    }
    return null;
  }

  @Override
  public KillSwitch state() {
    return current;
  }
}
