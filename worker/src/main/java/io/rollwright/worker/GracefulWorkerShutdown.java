package io.rollwright.worker;

import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * On shutdown, stops polling for new tasks and waits for the activities already running to finish
 * and report, before the application closes its connection to Temporal. What does not finish in
 * time is retried by another worker.
 */
@Component
public class GracefulWorkerShutdown implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(GracefulWorkerShutdown.class);
  static final Duration GRACE = Duration.ofSeconds(50);

  private final WorkerFactory workers;
  private volatile boolean running;

  public GracefulWorkerShutdown(WorkerFactory workers) {
    this.workers = workers;
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    log.info("stopping: no new tasks; waiting up to {} for running activities", GRACE);
    workers.shutdown();
    workers.awaitTermination(GRACE.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
