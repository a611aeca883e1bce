package io.rollwright.api;

import io.rollwright.policy.ReleaseJson;
import io.rollwright.policy.Strategy;
import java.util.List;

/**
 * Several services released together to one environment, in dependency order: each entry of {@code
 * releases} is one service's release, started once every service it names in {@code after} is
 * promoted; services that depend on nothing unpromoted go in parallel. If one fails, the train
 * starts no more, aborts those still running and rolls back, newest first, those it promoted.
 * Workflow type {@code TrainWorkflow}, workflow ID {@code train:<name>@<environment>}; each release
 * is a child {@code ReleaseWorkflow} under its own ID {@code <service>@<environment>}.
 */
public record TrainRequest(
    String name,
    String environment,
    String requestedBy,
    String reason,
    String changeRef,
    List<Release> releases) {

  /** The workflow type of trains, as the Temporal CLI and Web UI show it. */
  public static final String WORKFLOW_TYPE = "TrainWorkflow";

  /** What every train's workflow ID begins with. */
  public static final String ID_PREFIX = "train:";

  public TrainRequest {
    releases = releases == null ? null : List.copyOf(releases);
  }

  /**
   * One service's release in a train: its version and image, its policy (none: the service's or the
   * default), its release type, and the services of the train it goes after.
   */
  public record Release(
      String service,
      String version,
      String image,
      String policy,
      String type,
      List<String> after) {
    public Release {
      after = after == null ? List.of() : List.copyOf(after);
    }
  }

  /** Reads a train request from JSON or YAML, or throws naming the field at fault. */
  public static TrainRequest fromJson(String json) {
    return ReleaseJson.read(json, TrainRequest.class, "train");
  }

  /** The workflow ID of this train. */
  public String trainId() {
    return id(name, environment);
  }

  /** {@code train:<name>@<environment>}. */
  public static String id(String name, String environment) {
    return ID_PREFIX + name + "@" + environment;
  }

  /** The release request of {@code r}, one of this train's releases, on behalf of the train. */
  public ReleaseRequest request(Release r) {
    return new ReleaseRequest(
        r.service(),
        r.version(),
        r.image(),
        environment,
        Strategy.CANARY,
        r.policy(),
        null,
        requestedBy,
        reason,
        changeRef,
        null,
        r.type());
  }

  /**
   * The rollback of {@code r}'s service to the version promoted before the train's, saying {@code
   * why}.
   */
  public ReleaseRequest undo(Release r, String why) {
    return new ReleaseRequest(
        r.service(),
        null,
        null,
        environment,
        Strategy.ROLLBACK,
        r.policy(),
        null,
        requestedBy,
        why,
        changeRef,
        null,
        null);
  }
}
