package io.rollwright.cli;

/** Temporal could not be reached or would not answer; nothing was done. */
public final class TemporalUnavailableException extends RuntimeException {
  TemporalUnavailableException(TemporalOptions temporal, Throwable cause) {
    super(
        "cannot reach Temporal at "
            + temporal.where()
            + ": "
            + rootMessage(cause)
            + ". Check --address (TEMPORAL_ADDRESS) and --namespace, and that the server is up; nothing was done.",
        cause);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
