package io.rollwright.api;

/** The Temporal names every part of Rollwright agrees on. */
public final class ReleaseIds {
  /** The default task queue workers poll and front doors start releases on. */
  public static final String TASK_QUEUE = "releases";

  /**
   * The task queue of a release's analysis ({@code releases-analysis} beside {@code releases}):
   * soaks and watches run for as long as a canary is held, so they have worker slots of their own
   * and can never take the slots traffic changes, rollbacks and notifications need.
   */
  public static String analysisQueue(String taskQueue) {
    return taskQueue + "-analysis";
  }

  /** The workflow type, as the Temporal CLI and Web UI show it. */
  public static final String WORKFLOW_TYPE = "ReleaseWorkflow";

  private ReleaseIds() {}

  /** {@code checkout@prod}: Temporal refuses a second running workflow with the same ID. */
  public static String of(String service, String environment) {
    return service + "@" + environment;
  }

  /**
   * Why a release of {@code service} to {@code environment} may not run under {@code workflowId},
   * or null when it may: only under its own ID does Temporal keep it the one release of that
   * service and environment. Without both names there is no such ID; the request's validation names
   * what is missing.
   */
  public static String misnamed(String workflowId, String service, String environment) {
    if (service == null || environment == null || of(service, environment).equals(workflowId)) {
      return null;
    }
    return "a release of "
        + service
        + " to "
        + environment
        + " runs under the workflow ID "
        + of(service, environment)
        + ", not "
        + workflowId
        + " (one release per service and environment)";
  }
}
