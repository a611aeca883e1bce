package io.rollwright.worker;

import io.rollwright.api.ProgressRenderer;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.ReleaseStatus;
import io.rollwright.api.ReleaseWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Consumer;

/** Follows one release through its {@code status} query and prints its progress until it ends. */
public final class ReleaseWatcher {
  private final WorkflowClient client;
  private final PrintStream out;
  private final Duration every;

  public ReleaseWatcher(WorkflowClient client, PrintStream out, Duration every) {
    this.client = client;
    this.out = out;
    this.every = every;
  }

  /** Prints progress until the release ends; {@code onStatus} sees every answer (e.g. to approve a waiting gate). */
  public ReleaseResult follow(String releaseId, Consumer<ReleaseStatus> onStatus) throws InterruptedException {
    ReleaseWorkflow release = client.newWorkflowStub(ReleaseWorkflow.class, releaseId);
    ProgressRenderer renderer = new ProgressRenderer();
    while (true) {
      ReleaseStatus status = release.status();
      renderer.next(status).forEach(out::println);
      if (status.result() != null) {
        return WorkflowStub.fromTyped(release).getResult(ReleaseResult.class);
      }
      onStatus.accept(status);
      Thread.sleep(every.toMillis());
    }
  }
}
