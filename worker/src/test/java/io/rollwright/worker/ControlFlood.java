package io.rollwright.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollwright.api.ApprovalDecision;
import io.rollwright.api.ControlAnswer;
import io.rollwright.api.ControlCommand;
import io.rollwright.api.ControlRequest;
import io.rollwright.api.ReleaseStatus;
import io.rollwright.api.ReleaseWorkflow;
import io.rollwright.client.ReleaseControls;
import io.temporal.api.history.v1.History;
import io.temporal.client.WorkflowClient;
import java.util.ArrayList;
import java.util.List;

/**
 * A flood of controls a release refuses, as the flood tests and {@code bench/control-flood} send it
 * to a release requested by alice and parked at a gate that alice may not approve.
 */
public final class ControlFlood {
  /** The release's answer to alice approving her own release. */
  public static final String SELF_APPROVAL = "alice requested this release and cannot approve it";

  /** A reason a megabyte long. */
  public static final String MEGABYTE = "m".repeat(1 << 20);

  private static final ObjectMapper JSON = new ObjectMapper();

  private ControlFlood() {}

  /**
   * Sends {@code n} control updates approving as alice; returns how many were refused with {@link
   * #SELF_APPROVAL}.
   */
  public static int refusedUpdates(ReleaseControls controls, String releaseId, int n) {
    int refused = 0;
    for (int i = 0; i < n; i++) {
      ControlAnswer answer =
          controls.send(
              releaseId, new ControlCommand(ControlCommand.Action.APPROVE, "alice", "flood " + i));
      refused += !answer.accepted() && answer.message().equals(SELF_APPROVAL) ? 1 : 0;
    }
    return refused;
  }

  /**
   * Sends {@code n} approve signals the release refuses: half from alice, half from 100 strangers
   * with 2,000-character reasons.
   */
  public static void refusedSignals(ReleaseWorkflow release, int n) {
    for (int i = 0; i < n; i++) {
      release.approve(
          i % 2 == 0
              ? new ApprovalDecision("alice", "flood " + i)
              : new ApprovalDecision("stranger-" + (i % 200), "r".repeat(2000)));
    }
  }

  /**
   * Sends {@code n} control updates whose reason is a megabyte long; returns how many were refused
   * as over the limit.
   */
  public static int megabyteUpdates(ReleaseControls controls, String releaseId, int n) {
    int refused = 0;
    for (int i = 0; i < n; i++) {
      ControlAnswer answer =
          controls.send(
              releaseId, new ControlCommand(ControlCommand.Action.PAUSE, "sam", MEGABYTE));
      refused +=
          !answer.accepted()
                  && answer.message().startsWith("reason: 1048576 characters, at most 2000")
              ? 1
              : 0;
    }
    return refused;
  }

  /**
   * Sends {@code n} pause and resume signal pairs whose reason is a megabyte long: the release
   * clips it and accepts them.
   */
  public static void megabyteSignals(ReleaseWorkflow release, int n) {
    for (int i = 0; i < n; i++) {
      release.pause(new ControlRequest("sam", MEGABYTE));
      release.resume(new ControlRequest("sam", MEGABYTE));
    }
  }

  /**
   * Sends a control the handler refuses (promote at a gate): answered once every control sent
   * before it was applied.
   */
  public static ControlAnswer barrier(ReleaseControls controls, String releaseId) {
    return controls.send(releaseId, new ControlCommand(ControlCommand.Action.PROMOTE, "bob", null));
  }

  /** The size of {@code status} as JSON, in bytes. */
  public static int statusBytes(ReleaseStatus status) {
    try {
      return JSON.writeValueAsBytes(status).length;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The release's history as the server has it (of its latest run). */
  public static History history(WorkflowClient client, String releaseId) {
    return client.fetchHistory(releaseId).getHistory();
  }

  /**
   * The histories of every run of the release, the first first: each run names the one it
   * continued.
   */
  public static List<History> runs(WorkflowClient client, String releaseId) {
    List<History> runs = new ArrayList<>();
    History run = history(client, releaseId);
    while (true) {
      runs.add(0, run);
      String before =
          run.getEvents(0)
              .getWorkflowExecutionStartedEventAttributes()
              .getContinuedExecutionRunId();
      if (before.isEmpty()) {
        return runs;
      }
      run = client.fetchHistory(releaseId, before).getHistory();
    }
  }
}
