package io.rollwright.worker;

import io.rollwright.activities.notify.Notifier;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Base of the tests that run releases on a fresh time-skipping test service each: {@link #h} drives
 * them. A test that stalls fails after its timeout instead of holding up the whole build.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public abstract class TimeSkippingReleaseTest {
  @RegisterExtension
  protected static final TestWorkflowExtension temporal = ReleaseHarness.extension();

  protected ReleaseHarness h;

  @BeforeEach
  void startHarness(TestWorkflowEnvironment env, Worker worker) {
    h = new ReleaseHarness(env, worker, clock -> null, notifiers());
  }

  /** Who the worker tells besides the harness's own record of events: nobody unless overridden. */
  protected List<Notifier> notifiers() {
    return List.of();
  }
}
