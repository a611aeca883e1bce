package io.rollwright.activities.notify.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.model.Message;
import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import io.rollwright.api.ControlCommand.Action;
import java.io.IOException;
import java.util.List;

/**
 * Conversations in one Slack channel: a parent message kept current, replies in its thread, and
 * approval requests among them whose Approve and Reject buttons carry the gate they decide (a
 * {@link io.rollwright.api.GateRef}). Several releases may share one thread (a train's): each
 * request is then found again by its gate. Texts are given as mrkdwn, already escaped. A call Slack
 * refuses throws {@link IllegalStateException}.
 */
final class SlackConversation {
  private final MethodsClient slack;
  private final String channel;

  SlackConversation(MethodsClient slack, String channel) {
    this.slack = slack;
    this.channel = channel;
  }

  /** Posts a new parent message; returns its thread. */
  String open(String text, String markdown) throws IOException, SlackApiException {
    return ok(slack.chatPostMessage(
            r -> r.channel(channel).text(text).blocks(List.of(section(markdown)))))
        .getTs();
  }

  /** Replaces the parent message of {@code thread}. */
  void update(String thread, String text, String markdown) throws IOException, SlackApiException {
    ok(
        slack.chatUpdate(
            r -> r.channel(channel).ts(thread).text(text).blocks(List.of(section(markdown)))));
  }

  /** Replies in {@code thread}. */
  void reply(String thread, String text) throws IOException, SlackApiException {
    ok(slack.chatPostMessage(r -> r.channel(channel).threadTs(thread).text(text)));
  }

  /** Replies with an approval request whose buttons decide {@code gate}. */
  void ask(String thread, String text, String gate) throws IOException, SlackApiException {
    List<LayoutBlock> blocks =
        List.of(
            section(text),
            ActionsBlock.builder()
                .blockId(SlackNotifier.APPROVAL_BLOCK)
                .elements(
                    List.of(
                        button(Action.APPROVE, "Approve", "primary", gate),
                        button(Action.REJECT, "Reject", "danger", gate)))
                .build());
    ok(slack.chatPostMessage(r -> r.channel(channel).threadTs(thread).text(text).blocks(blocks)));
  }

  private static ButtonElement button(Action action, String label, String style, String gate) {
    return ButtonElement.builder()
        .actionId(action.command())
        .text(PlainTextObject.builder().text(label).build())
        .style(style)
        .value(gate)
        .build();
  }

  /**
   * Shows {@code progress} under each request of {@code thread} whose buttons, still there, decide
   * {@code gates}: one gate, or every gate of a run ({@code <releaseId>|<runId>}).
   */
  void showProgress(String thread, String gates, String progress)
      throws IOException, SlackApiException {
    for (Message m : openRequests(thread, gates)) {
      List<LayoutBlock> blocks =
          List.of(section(m.getText()), section(progress), buttons(m, gates));
      ok(slack.chatUpdate(r -> r.channel(channel).ts(m.getTs()).text(m.getText()).blocks(blocks)));
    }
  }

  /**
   * Replaces each request of {@code thread} whose buttons decide {@code gates} (as {@link
   * #showProgress}) with what became of it, buttons gone.
   */
  void close(String thread, String gates, String outcome) throws IOException, SlackApiException {
    for (Message m : openRequests(thread, gates)) {
      String text = m.getText() + "\n" + outcome;
      ok(
          slack.chatUpdate(
              r -> r.channel(channel).ts(m.getTs()).text(text).blocks(List.of(section(text)))));
    }
  }

  private List<Message> openRequests(String thread, String gates)
      throws IOException, SlackApiException {
    return ok(slack.conversationsReplies(r -> r.channel(channel).ts(thread))).getMessages().stream()
        .filter(m -> m.getBlocks() != null && buttons(m, gates) != null)
        .toList();
  }

  /** The message's approval buttons when they decide {@code gates}, else null. */
  private static ActionsBlock buttons(Message m, String gates) {
    for (LayoutBlock b : m.getBlocks()) {
      if (b instanceof ActionsBlock a
          && SlackNotifier.APPROVAL_BLOCK.equals(a.getBlockId())
          && a.getElements().stream().anyMatch(e -> decides(e, gates))) {
        return a;
      }
    }
    return null;
  }

  private static boolean decides(BlockElement e, String gates) {
    return e instanceof ButtonElement button
        && button.getValue() != null
        && (button.getValue().equals(gates) || button.getValue().startsWith(gates + "|"));
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
}
