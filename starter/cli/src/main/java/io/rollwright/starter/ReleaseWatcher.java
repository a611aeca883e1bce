package io.rollwright.starter;

import io.rollwright.api.ProgressRenderer;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.ReleaseStatus;
import io.rollwright.api.ReleaseWorkflow;
import io.rollwright.policy.InvalidReleaseException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TerminatedFailure;
import io.temporal.failure.TimeoutFailure;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/** Follows one release through its {@code status} query until it ends, handing each answer on. */
public final class ReleaseWatcher {
  private final WorkflowClient client;
  private final Duration every;

  public ReleaseWatcher(WorkflowClient client, Duration every) {
    this.client = client;
    this.every = every;
  }

  /**
   * Hands every {@code status} answer to {@code onStatus} until the release ends, and returns its result.
   *
   * @throws ReleaseEndedWithoutOutcomeException when the workflow closed without one
   */
  public ReleaseResult follow(String releaseId, Consumer<ReleaseStatus> onStatus) throws InterruptedException {
    ReleaseWorkflow release = client.newWorkflowStub(ReleaseWorkflow.class, releaseId);
    CompletableFuture<ReleaseResult> result = WorkflowStub.fromTyped(release).getResultAsync(ReleaseResult.class);
    while (true) {
      boolean closed = result.isDone();
      ReleaseStatus status = release.status();
      onStatus.accept(status);
      if (closed || status.result() != null) {
        return outcome(releaseId, result);
      }
      Thread.sleep(every.toMillis());
    }
  }

  private static ReleaseResult outcome(String releaseId, CompletableFuture<ReleaseResult> result) throws InterruptedException {
    try {
      return result.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof WorkflowFailedException failed) {
        Throwable cause = failed.getCause();
        if (cause instanceof ApplicationFailure a && InvalidReleaseException.FAILURE_TYPE.equals(a.getType())) {
          throw new ReleaseEndedWithoutOutcomeException(releaseId + " was refused, nothing was deployed: " + a.getOriginalMessage(), true);
        }
        throw new ReleaseEndedWithoutOutcomeException(releaseId + " ended without an outcome (" + describe(cause)
            + "); traffic may still be split: look at the release and the cluster", false);
      }
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
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

  /** Prints the release's progress as lines ({@link ProgressRenderer}) until it ends; {@code also} sees every answer. */
  public ReleaseResult print(String releaseId, Consumer<String> out, Consumer<ReleaseStatus> also) throws InterruptedException {
    ProgressRenderer renderer = new ProgressRenderer();
    return follow(releaseId, status -> {
      renderer.next(status).forEach(out);
      also.accept(status);
    });
  }
}
