package io.rollwright.api;

import io.rollwright.policy.DurationField;
import io.rollwright.policy.Gate;
import io.rollwright.policy.ReleaseJson;
import io.rollwright.policy.Strategy;
import java.time.Duration;
import java.util.List;

/**
 * Several services released together to one environment, in dependency order, or one service (or
 * several) released to several environments in waves: each entry of {@code releases} is one
 * service's release to one environment (the train's, unless it names its own), started once every
 * release it names in {@code after} is promoted; releases that wait for nothing unpromoted go in
 * parallel. If one fails, the train starts no more, aborts those still running and rolls back,
 * newest first, those it promoted. Workflow type {@code TrainWorkflow}, workflow ID {@code
 * train:<name>@<environment>}; each release is a child {@code ReleaseWorkflow} under its own ID
 * {@code <service>@<environment>}.
 */
public record TrainRequest(
    String name,
    String environment,
    String requestedBy,
    String reason,
    String changeRef,
    List<Release> releases,
    String onFailure) {

  /** {@code onFailure}: the train rolls back, newest first, every release it promoted (default). */
  public static final String ROLL_BACK = "rollback";

  /** {@code onFailure}: the train keeps what it promoted; only the failed release rolls back. */
  public static final String KEEP = "keep";

  /** The workflow type of trains, as the Temporal CLI and Web UI show it. */
  public static final String WORKFLOW_TYPE = "TrainWorkflow";

  /** What every train's workflow ID begins with. */
  public static final String ID_PREFIX = "train:";

  public TrainRequest {
    releases = releases == null ? null : List.copyOf(releases);
    onFailure = onFailure == null || onFailure.isBlank() ? ROLL_BACK : onFailure;
  }

  /**
   * One service's release in a train: its version and image, its policy (none: the service's or the
   * default), its release type, the releases of the train it goes after, and its environment (none:
   * the train's). A train whose releases name several environments, one service in each, is a
   * rollout in waves: each environment a target, each wave going after the one before. An entry of
   * {@code after} names a release of the train by its service, or by {@code
   * <service>@<environment>} when that service is released to several environments.
   *
   * <p>Between those it goes after and its start stand {@code bake} (how long they must stay
   * promoted first) and then {@code gate} (an {@code approval} gate, as a policy stage's, its
   * groups those of the release's service); a rejection, or a gate timing out to {@code reject},
   * stops the train as a failed release does.
   */
  public record Release(
      String service,
      String version,
      String image,
      String policy,
      String type,
      List<String> after,
      String environment,
      @DurationField Duration bake,
      Gate gate) {
    public Release {
      after = after == null ? List.of() : List.copyOf(after);
    }

    public Release(
        String service,
        String version,
        String image,
        String policy,
        String type,
        List<String> after,
        String environment) {
      this(service, version, image, policy, type, after, environment, null, null);
    }

    /** Whether it waits for a bake or an approval before it starts. */
    public boolean gated() {
      return bake != null || (gate != null && gate.needsApproval());
    }

    public Release(
        String service,
        String version,
        String image,
        String policy,
        String type,
        List<String> after) {
      this(service, version, image, policy, type, after, null);
    }
  }

  /** The environment {@code r} goes to: its own, else the train's. */
  public String environmentOf(Release r) {
    return r.environment() == null || r.environment().isBlank() ? environment : r.environment();
  }

  /**
   * How the train names {@code r}: its service, with {@code @<environment>} when that is not the
   * train's.
   */
  public String label(Release r) {
    String env = environmentOf(r);
    return env == null || env.equals(environment) ? r.service() : r.service() + "@" + env;
  }

  public TrainRequest(
      String name,
      String environment,
      String requestedBy,
      String reason,
      String changeRef,
      List<Release> releases) {
    this(name, environment, requestedBy, reason, changeRef, releases, null);
  }

  /** Whether a failure leaves what the train promoted as it is ({@link #KEEP}). */
  public boolean keepsPromoted() {
    return KEEP.equals(onFailure);
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
        environmentOf(r),
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
        environmentOf(r),
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
