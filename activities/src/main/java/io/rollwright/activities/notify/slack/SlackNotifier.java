package io.rollwright.activities.notify.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.model.Message;
import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.element.ButtonElement;
import io.rollwright.activities.notify.Notifier;
import io.rollwright.api.ControlCommand.Action;
import io.rollwright.api.GateRef;
import io.rollwright.api.ReleaseEvent;
import io.rollwright.api.ReleaseEvent.Kind;
import io.rollwright.policy.Stage;
import io.rollwright.text.SlackText;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A release told in Slack: one parent message in the channel, updated in place at every event
 * (stage, weight, latest news), and a thread reply only for the events that matter — never one per
 * analysis interval. An approval gate is a reply with Approve and Reject buttons, replaced by what
 * became of it when the gate closes, so no button stays live. Slack failing (429, 5xx, unreachable)
 * throws, so the activity retries and then gives up without touching the release. Every text that
 * carries what callers supplied (service, version, stage and policy names, reasons, actors) is
 * escaped by {@link SlackText}, so it can mention or link nobody; text read back from Slack is
 * already escaped and is not escaped again.
 */
public final class SlackNotifier implements Notifier {
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

  private final MethodsClient slack;
  private final String channel;
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
    this.slack = slack;
    this.channel = channel;
    this.oncall = oncall;
  }

  @Override
  public String tell(ReleaseEvent e) {
    try {
      String thread = e.thread();
      if (thread == null) {
        ChatPostMessageResponse posted =
            ok(slack.chatPostMessage(r -> r.channel(channel).text(summary(e)).blocks(blocks(e))));
        thread = posted.getTs();
      } else {
        String ts = thread;
        ok(slack.chatUpdate(r -> r.channel(channel).ts(ts).text(summary(e)).blocks(blocks(e))));
      }
      String ts = thread;
      if (e.kind() == Kind.APPROVAL_REQUESTED) {
        ok(
            slack.chatPostMessage(
                r -> r.channel(channel).threadTs(ts).text(reply(e)).blocks(approvalRequest(e))));
      } else if (THREAD_REPLIES.contains(e.kind())) {
        ok(slack.chatPostMessage(r -> r.channel(channel).threadTs(ts).text(reply(e))));
      }
      if (e.kind() == Kind.APPROVAL_PROGRESS) {
        showApprovalProgress(ts, reply(e));
      } else if (e.kind() == Kind.APPROVAL_CLOSED) {
        closeApprovalRequests(ts, reply(e));
      }
      return thread;
    } catch (IOException | SlackApiException ex) {
      throw new IllegalStateException("Slack: " + ex.getMessage(), ex);
    }
  }

  /** The approval requests in the thread that still have buttons. */
  private List<Message> openApprovalRequests(String thread) throws IOException, SlackApiException {
    return ok(slack.conversationsReplies(r -> r.channel(channel).ts(thread))).getMessages().stream()
        .filter(
            m ->
                m.getBlocks() != null
                    && m.getBlocks().stream().anyMatch(SlackNotifier::approvalButtons))
        .toList();
  }

  private static boolean approvalButtons(LayoutBlock b) {
    return b instanceof ActionsBlock a && APPROVAL_BLOCK.equals(a.getBlockId());
  }

  /** Shows who has approved so far under each open approval request, buttons kept. */
  private void showApprovalProgress(String thread, String progress)
      throws IOException, SlackApiException {
    for (Message m : openApprovalRequests(thread)) {
      List<LayoutBlock> blocks =
          List.of(
              section(m.getText()),
              section(progress),
              m.getBlocks().stream()
                  .filter(SlackNotifier::approvalButtons)
                  .findFirst()
                  .orElseThrow());
      ok(slack.chatUpdate(r -> r.channel(channel).ts(m.getTs()).text(m.getText()).blocks(blocks)));
    }
  }

  /**
   * Replaces every approval request in the thread that still has buttons with what became of it.
   */
  private void closeApprovalRequests(String thread, String outcome)
      throws IOException, SlackApiException {
    for (Message m : openApprovalRequests(thread)) {
      String text = m.getText() + "\n" + outcome;
      ok(
          slack.chatUpdate(
              r -> r.channel(channel).ts(m.getTs()).text(text).blocks(List.of(section(text)))));
    }
  }

  /**
   * The request in the thread: who is asked, by when, and Approve / Reject buttons carrying the
   * gate.
   */
  private List<LayoutBlock> approvalRequest(ReleaseEvent e) {
    return List.of(
        section(reply(e)),
        ActionsBlock.builder()
            .blockId(APPROVAL_BLOCK)
            .elements(
                List.of(
                    ButtonElement.builder()
                        .actionId(Action.APPROVE.command())
                        .text(PlainTextObject.builder().text("Approve").build())
                        .style("primary")
                        .value(gate(e))
                        .build(),
                    ButtonElement.builder()
                        .actionId(Action.REJECT.command())
                        .text(PlainTextObject.builder().text("Reject").build())
                        .style("danger")
                        .value(gate(e))
                        .build()))
            .build());
  }

  private static String gate(ReleaseEvent e) {
    return new GateRef(e.releaseId(), e.runId(), e.stage()).toString();
  }

  private static SectionBlock section(String markdown) {
    return SectionBlock.builder().text(MarkdownTextObject.builder().text(markdown).build()).build();
  }

  private static <T extends SlackApiTextResponse> T ok(T response) {
    if (!response.isOk()) {
      throw new IllegalStateException("Slack refused: " + response.getError());
    }
    return response;
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

  private static List<LayoutBlock> blocks(ReleaseEvent e) {
    return List.of(
        section(
            "*"
                + SlackText.escape(e.releaseId())
                + "* · "
                + SlackText.escape(state(e) + "\n" + e.message())));
  }

  /** A reply in the thread: an icon and the event's message, escaped ({@link SlackText}). */
  private String reply(ReleaseEvent e) {
    String icon =
        switch (e.kind()) {
          case FINISHED ->
              e.outcome() == null
                  ? "🏁"
                  : switch (e.outcome()) {
                    case PROMOTED -> "✅";
                    case ROLLED_BACK -> "🔙";
                    case BLOCKED -> "🚧";
                    case FAILED -> "💥";
                  };
          case ALERT, ROLLING_BACK -> "🚨";
          case STUCK -> "📟";
          case AWAITING_CONFIRMATION -> "⏳";
          case PAUSED -> "⏸";
          case HELD, HOLD_ENDED -> "🗓";
          case APPROVAL_REQUESTED, APPROVAL_PROGRESS, APPROVAL_CLOSED -> "✋";
          default -> "•";
        };
    String hint = e.kind() == Kind.PAUSED ? " — resume or abort" : "";
    String mention = oncall != null && e.pagesOnCall() ? oncall + " " : "";
    return icon + " " + mention + SlackText.escape(e.message() + hint);
  }
}
