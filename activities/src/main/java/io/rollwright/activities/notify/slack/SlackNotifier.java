package io.rollwright.activities.notify.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import io.rollwright.activities.notify.TrainNotifier;
import io.rollwright.api.GateRef;
import io.rollwright.api.ReleaseEvent;
import io.rollwright.api.ReleaseEvent.Kind;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.TrainEvent;
import io.rollwright.policy.Stage;
import io.rollwright.text.SlackText;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A release told in Slack: one parent message in the channel, updated in place at every event
 * (stage, weight, latest news), and a thread reply only for the events that matter — never one per
 * analysis interval. An approval gate is a reply with Approve and Reject buttons, replaced by what
 * became of it when the gate closes, so no button stays live. Slack failing (429, 5xx, unreachable)
 * throws, so the activity retries and then gives up without touching the release. Every text that
 * carries what callers supplied (service, version, stage and policy names, reasons, actors) is
 * escaped by {@link SlackText}, so it can mention or link nobody; text read back from Slack is
 * already escaped and is not escaped again.
 *
 * <p>A train is one conversation too: its parent message shows where each of its releases stands,
 * its thread has a reply as each starts and ends, and its gates are approval requests whose buttons
 * decide the train's gate. Its releases join that thread instead of opening their own: they reply
 * there, named, and leave the parent message and their own end to the train.
 */
public final class SlackNotifier implements TrainNotifier {
  /**
   * The events worth a reply in the release's thread; the others only update the parent message.
   */
  public static final Set<Kind> THREAD_REPLIES =
      EnumSet.of(
          Kind.BLOCKED,
          Kind.STAGE_PASSED,
          Kind.APPROVAL_REQUESTED,
          Kind.PAUSED,
          Kind.ROLLING_BACK,
          Kind.ALERT,
          Kind.STUCK,
          Kind.AWAITING_CONFIRMATION,
          Kind.FINISHED);

  /**
   * The block holding an approval request's buttons; the interactivity endpoint reads its actions.
   */
  public static final String APPROVAL_BLOCK = "rollwright-approval";

  /** The mentions {@code oncall} may be: a user group, a user, or here/channel. */
  public static final Pattern MENTION =
      Pattern.compile("<!subteam\\^[A-Z0-9]+>|<@[A-Z0-9]+>|<!here>|<!channel>");

  /** Events a train tells itself, which its releases do not repeat in its thread. */
  private static final Set<Kind> TRAIN_TELLS = EnumSet.of(Kind.BLOCKED, Kind.FINISHED);

  private final SlackConversation conversation;
  private final String oncall;

  /**
   * {@code oncall}: who a reply that {@linkplain ReleaseEvent#pagesOnCall() pages on-call} mentions
   * (a {@link #MENTION}), or null for nobody.
   */
  public SlackNotifier(MethodsClient slack, String channel, String oncall) {
    if (oncall != null && !MENTION.matcher(oncall).matches()) {
      throw new IllegalArgumentException(
          "rollwright.slack.oncall: a Slack mention such as <!subteam^S0123ABC> or <@U0123ABC>"
              + " (got "
              + oncall
              + ")");
    }
    this.conversation = new SlackConversation(slack, channel);
    this.oncall = oncall;
  }

  @Override
  public String tell(ReleaseEvent e) {
    boolean joined = e.train() != null && e.thread() != null;
    try {
      String thread = e.thread();
      if (thread == null) {
        thread = conversation.open(summary(e), parent(e));
      } else if (!joined) {
        conversation.update(thread, summary(e), parent(e));
      }
      String gates = e.releaseId() + "|" + e.runId();
      if (e.kind() == Kind.APPROVAL_REQUESTED) {
        conversation.ask(
            thread, reply(e), new GateRef(e.releaseId(), e.runId(), e.stage()).toString());
      } else if (THREAD_REPLIES.contains(e.kind()) && !(joined && TRAIN_TELLS.contains(e.kind()))) {
        conversation.reply(thread, reply(e));
      } else if (e.kind() == Kind.APPROVAL_PROGRESS) {
        conversation.showProgress(thread, gates, reply(e));
      } else if (e.kind() == Kind.APPROVAL_CLOSED) {
        conversation.close(thread, gates, reply(e));
      }
      return thread;
    } catch (IOException | SlackApiException ex) {
      throw new IllegalStateException("Slack: " + ex.getMessage(), ex);
    }
  }

  @Override
  public String tellTrain(TrainEvent e) {
    try {
      String thread = e.thread();
      String summary = SlackText.escape(e.trainId() + " — " + trainState(e));
      if (thread == null) {
        thread = conversation.open(summary, trainParent(e));
      } else {
        conversation.update(thread, summary, trainParent(e));
      }
      String gate =
          e.release() == null ? null : new GateRef(e.trainId(), e.runId(), e.release()).toString();
      switch (e.kind()) {
        case STARTED -> {}
        case GATE_OPENED -> conversation.ask(thread, trainReply(e), gate);
        case GATE_PROGRESS -> conversation.showProgress(thread, gate, trainReply(e));
        case GATE_CLOSED -> conversation.close(thread, gate, trainReply(e));
        default -> conversation.reply(thread, trainReply(e));
      }
      return thread;
    } catch (IOException | SlackApiException ex) {
      throw new IllegalStateException("Slack: " + ex.getMessage(), ex);
    }
  }

  /**
   * The parent message's one line: what, where, and where it stands, escaped ({@link SlackText}).
   */
  static String summary(ReleaseEvent e) {
    return SlackText.escape(e.releaseId() + " — " + state(e));
  }

  private static String state(ReleaseEvent e) {
    return e.outcome() != null
        ? e.outcome().name()
        : (e.stage() == null
            ? "starting"
            : "stage " + e.stage() + ", " + Stage.weightText(e.weight()) + " on the canary");
  }

  /** The parent message of a release: where it stands and its latest news, escaped. */
  private static String parent(ReleaseEvent e) {
    return "*"
        + SlackText.escape(e.releaseId())
        + "* · "
        + SlackText.escape(state(e) + "\n" + e.message());
  }

  /**
   * A reply in the thread: an icon and the event's message, escaped ({@link SlackText}); in a
   * train's thread, named by its release.
   */
  private String reply(ReleaseEvent e) {
    String icon =
        switch (e.kind()) {
          case FINISHED -> e.outcome() == null ? "🏁" : icon(e.outcome());
          case ALERT, ROLLING_BACK -> "🚨";
          case STUCK -> "📟";
          case AWAITING_CONFIRMATION -> "⏳";
          case PAUSED -> "⏸";
          case HELD, HOLD_ENDED -> "🗓";
          case APPROVAL_REQUESTED, APPROVAL_PROGRESS, APPROVAL_CLOSED -> "✋";
          default -> "•";
        };
    String hint = e.kind() == Kind.PAUSED ? " — resume or abort" : "";
    String who = e.train() == null ? "" : e.releaseId() + ": ";
    return icon + " " + mention(e.pagesOnCall()) + SlackText.escape(who + e.message() + hint);
  }

  private static String icon(ReleaseOutcome outcome) {
    return switch (outcome) {
      case PROMOTED -> "✅";
      case ROLLED_BACK -> "🔙";
      case BLOCKED -> "🚧";
      case FAILED -> "💥";
    };
  }

  private String mention(boolean pages) {
    return oncall != null && pages ? oncall + " " : "";
  }

  /** Where a train stands: its outcome once it ended, else the state of what happened last. */
  private static String trainState(TrainEvent e) {
    if (e.kind() == TrainEvent.Kind.FINISHED && e.outcome() != null) {
      return e.outcome().name();
    }
    return switch (e.kind()) {
      case PAUSED -> "paused";
      case STOPPING, UNDOING, UNDONE -> "stopping";
      default -> "running";
    };
  }

  /**
   * The parent message of a train: where it stands and its news, then one line per release, each
   * part escaped and cut on its own so the whole stays within a section's 3,000 characters.
   */
  private static String trainParent(TrainEvent e) {
    return "*"
        + SlackText.escape(e.trainId())
        + "* · "
        + SlackText.escape(trainState(e) + "\n" + e.message())
        + "\n"
        + SlackText.escape(
            e.standing().stream().map(line -> "• " + line).collect(Collectors.joining("\n")));
  }

  /** A reply in a train's thread: an icon and the event's message, escaped. */
  private String trainReply(TrainEvent e) {
    String icon =
        switch (e.kind()) {
          case RELEASE_ENDED, FINISHED -> e.outcome() == null ? "🏁" : icon(e.outcome());
          case UNDONE -> e.outcome() == ReleaseOutcome.PROMOTED ? "🔙" : "💥";
          case GATE_OPENED, GATE_PROGRESS, GATE_CLOSED -> "✋";
          case STOPPING -> "🚨";
          case UNDOING -> "🔙";
          case PAUSED -> "⏸";
          default -> "▶️";
        };
    String hint = e.kind() == TrainEvent.Kind.PAUSED ? " — resume or abort the train" : "";
    return icon + " " + mention(e.pagesOnCall()) + SlackText.escape(e.message() + hint);
  }
}
