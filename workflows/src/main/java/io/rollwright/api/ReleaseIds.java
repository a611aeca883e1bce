package io.rollwright.api;

/** The Temporal names every part of Rollwright agrees on. */
public final class ReleaseIds {
  /** The default task queue workers poll and front doors start releases on. */
  public static final String TASK_QUEUE = "releases";

  /**
   * The task queue of a release's analysis ({@code releases-analysis} beside {@code releases}): soaks
   * and watches run for as long as a canary is held, so they have worker slots of their own and can
   * never take the slots traffic changes, rollbacks and notifications need.
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
}
