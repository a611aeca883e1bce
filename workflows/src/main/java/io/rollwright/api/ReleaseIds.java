package io.rollwright.api;

/** The Temporal names every part of Rollwright agrees on. */
public final class ReleaseIds {
  /** The default task queue workers poll and front doors start releases on. */
  public static final String TASK_QUEUE = "releases";

  /** The workflow type, as the Temporal CLI and Web UI show it. */
  public static final String WORKFLOW_TYPE = "ReleaseWorkflow";

  private ReleaseIds() {}

  /** {@code checkout@prod}: Temporal refuses a second running workflow with the same ID. */
  public static String of(String service, String environment) {
    return service + "@" + environment;
  }
}
