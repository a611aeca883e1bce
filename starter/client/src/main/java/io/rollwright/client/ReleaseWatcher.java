package io.rollwright.client;

import io.rollwright.api.ProgressRenderer;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.ReleaseStatus;
import io.rollwright.policy.InvalidReleaseException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TerminatedFailure;
import io.temporal.failure.TimeoutFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * Follows one release through its {@code status} query until it ends, handing each answer on. While
 * no worker answers, it says so once (since when, and where the server last recorded the release),
 * keeps asking, and says when one answers again; the outcome always comes from the workflow's
 * result.
 */
public final class ReleaseWatcher {
  private final WorkflowClient client;
  private final ReleaseReader reader;
  private final Duration every;

  /**
   * Asks every {@code every}, giving a worker {@link ReleaseReader#ANSWER_WITHIN} to answer each
   * time.
   */
  public ReleaseWatcher(WorkflowClient client, Duration every) {
    this.client = client;
    this.reader = new ReleaseReader(client);
    this.every = every;
  }

  /**
   * Hands every {@code status} answer to {@code onStatus} until the release ends, and returns its
   * result; {@code notices} gets a line when workers stop answering and when one answers again.
   *
   * @throws ReleaseNotFoundException when no release has that ID
   * @throws ReleaseEndedWithoutOutcomeException when the workflow closed without one
   */
  public ReleaseResult follow(
      String releaseId, Consumer<ReleaseStatus> onStatus, Consumer<String> notices)
      throws InterruptedException {
    CompletableFuture<ReleaseResult> result =
        client.newUntypedWorkflowStub(releaseId).getResultAsync(ReleaseResult.class);
    WorkerOutage outage = new WorkerOutage(ReleaseReader.ANSWER_WITHIN);
    while (true) {
      boolean closed = result.isDone();
      Instant asked = Instant.now();
      Optional<ReleaseStatus> status = reader.live(releaseId);
      if (status.isPresent()) {
        outage.answered(Instant.now()).ifPresent(notices);
        onStatus.accept(status.get());
      } else if (!outage.ongoing()) {
        outage.unanswered(asked, reader.recorded(releaseId)).ifPresent(notices);
      }
      if (closed || status.map(s -> s.result() != null).orElse(false)) {
        return outcome(releaseId, result);
      }
      Thread.sleep(every.toMillis());
    }
  }

  /**
   * The result of the closed workflow {@code releaseId} (a release or a train), or why it has none.
   */
  static <R> R outcome(String releaseId, CompletableFuture<R> result) throws InterruptedException {
    try {
      return result.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof WorkflowFailedException failed) {
        Throwable cause = failed.getCause();
        if (cause instanceof ApplicationFailure a
            && InvalidReleaseException.FAILURE_TYPE.equals(a.getType())) {
          throw new ReleaseEndedWithoutOutcomeException(
              releaseId + " was refused, nothing was deployed: " + a.getOriginalMessage(), true);
        }
        throw new ReleaseEndedWithoutOutcomeException(
            releaseId
                + " ended without an outcome ("
                + describe(cause)
                + "); traffic may still be split: look at the release and the cluster",
            false);
      }
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException(e.getCause());
    }
  }

  private static String describe(Throwable cause) {
    if (cause instanceof TerminatedFailure) {
      return "terminated";
    }
    if (cause instanceof CanceledFailure) {
      return "cancelled";
    }
    if (cause instanceof TimeoutFailure) {
      return "timed out";
    }
    return cause == null ? "unknown" : cause.getMessage();
  }

  /**
   * Prints the release's progress as lines ({@link ProgressRenderer}) until it ends, with the lines
   * about workers not answering among them; {@code also} sees every answer.
   */
  public ReleaseResult print(String releaseId, Consumer<String> out, Consumer<ReleaseStatus> also)
      throws InterruptedException {
    ProgressRenderer renderer = new ProgressRenderer();
    boolean[] outcomeShown = {false};
    ReleaseResult result =
        follow(
            releaseId,
            status -> {
              renderer.next(status).forEach(out);
              outcomeShown[0] |= status.result() != null;
              also.accept(status);
            },
            out);
    if (!outcomeShown[0]) {
      out.accept(ProgressRenderer.outcome(result));
    }
    return result;
  }
}
