package io.rollwright.activities.traffic.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.temporal.failure.ApplicationFailure;
import java.util.function.Supplier;

/**
 * How Kubernetes API errors become activity outcomes: a 409 conflict is re-read and retried at
 * once; a 404 of something the release needs is final, with a message naming it; anything else
 * (5xx, timeouts) is retried by Temporal with backoff.
 */
final class KubernetesCalls {
  static final int CONFLICT_RETRIES = 5;

  private KubernetesCalls() {}

  /** Runs {@code call}, which must re-read what it changes, retrying it on conflicts. */
  static <T> T call(String what, Supplier<T> call) {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (KubernetesClientException e) {
        if (e.getCode() == 409 && attempt < CONFLICT_RETRIES) {
          continue;
        }
        throw classify(what, e);
      }
    }
  }

  static void run(String what, Runnable call) {
    call(
        what,
        () -> {
          call.run();
          return null;
        });
  }

  private static RuntimeException classify(String what, KubernetesClientException e) {
    if (e.getCode() == 404) {
      return ApplicationFailure.newNonRetryableFailure(
          what + ": not found (" + e.getStatus().getMessage() + ")", "NotFound");
    }
    if (e.getCode() == 403 || e.getCode() == 401) {
      return ApplicationFailure.newNonRetryableFailure(
          what + ": not allowed (" + e.getCode() + " " + e.getMessage() + ")", "Forbidden");
    }
    return ApplicationFailure.newFailure(
        what + ": Kubernetes API error " + e.getCode() + ": " + e.getMessage(), "KubernetesApi");
  }

  /** The thing the release needs, or a final failure naming it. */
  static <T> T required(String what, T found) {
    if (found == null) {
      throw ApplicationFailure.newNonRetryableFailure(what + ": not found", "NotFound");
    }
    return found;
  }
}
