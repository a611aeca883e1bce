package io.rollwright.api;

import java.time.Instant;

/**
 * Temporal visibility queries over releases, built from Rollwright's search attributes. Pure: the
 * values they name are checked to be plain names first, so nothing given can change a query.
 */
public final class ReleaseQuery {
  private ReleaseQuery() {}

  /**
   * Releases started since {@code since} (all when null), optionally of one service and/or
   * environment: the latest run of each (a release that continued as new is listed once).
   */
  public static String releases(String service, String environment, Instant since) {
    StringBuilder q =
        new StringBuilder(
            "WorkflowType = '"
                + ReleaseIds.WORKFLOW_TYPE
                + "'"
                + (since == null ? "" : " AND StartTime >= '" + since + "'")
                + " AND ExecutionStatus != 'ContinuedAsNew'");
    equal(q, ReleaseSearchAttributes.SERVICE.getName(), service);
    equal(q, ReleaseSearchAttributes.ENVIRONMENT.getName(), environment);
    return q.toString();
  }

  /** The releases of {@code service} that ended promoted in {@code environment}. */
  public static String promoted(String service, String environment) {
    StringBuilder q = new StringBuilder(releases(service, environment, null));
    q.append(" AND ExecutionStatus = 'Completed'");
    equal(q, ReleaseSearchAttributes.STATUS.getName(), ReleaseOutcome.PROMOTED.name());
    return q.toString();
  }

  private static void equal(StringBuilder q, String attribute, String value) {
    if (value != null) {
      q.append(" AND ").append(attribute).append(" = '").append(literal(value)).append('\'');
    }
  }

  private static String literal(String value) {
    if (!value.matches("[A-Za-z0-9._@-]+")) {
      throw new IllegalArgumentException(
          "'" + value + "' is not a service or environment name (letters, digits, . _ @ -)");
    }
    return value;
  }
}
