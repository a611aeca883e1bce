package io.rollwright.starter;

import io.rollwright.api.ProgressRenderer;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.ReleaseStatus;
import io.rollwright.api.ReleaseWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.function.Consumer;

/** Follows one release through its {@code status} query until it ends, handing each answer on. */
public final class ReleaseWatcher {
  private final WorkflowClient client;
  private final Duration every;

  public ReleaseWatcher(WorkflowClient client, Duration every) {
    this.client = client;
    this.every = every;
  }

  /** Hands every {@code status} answer to {@code onStatus} until the release ends, and returns its result. */
  public ReleaseResult follow(String releaseId, Consumer<ReleaseStatus> onStatus) throws InterruptedException {
    ReleaseWorkflow release = client.newWorkflowStub(ReleaseWorkflow.class, releaseId);
    while (true) {
      ReleaseStatus status = release.status();
      onStatus.accept(status);
      if (status.result() != null) {
        return WorkflowStub.fromTyped(release).getResult(ReleaseResult.class);
      }
      Thread.sleep(every.toMillis());
    }
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
