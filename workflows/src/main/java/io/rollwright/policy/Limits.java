package io.rollwright.policy;

import java.time.Duration;

/**
 * The limits of every input Rollwright takes, the same at every door (REST, CLI, Temporal CLI, the
 * workflow itself). {@code io.rollwright.api.RequestCheck} applies them; the README's "Limits"
 * table lists them. Lengths count UTF-16 characters, as Java strings do.
 */
public final class Limits {
  /**
   * Service, environment, policy, stage and group names: DNS-1123 labels (a Kubernetes name, a part
   * of the workflow ID).
   */
  public static final int NAME = 63;

  /** A release's version. */
  public static final int VERSION = 128;

  /** A release's image reference. */
  public static final int IMAGE = 512;

  /** Who asks: {@code requestedBy}, a control's actor, an approver. */
  public static final int ACTOR = 128;

  /** Why: a request's or a control's reason. */
  public static final int REASON = 2000;

  /** The change shipped, e.g. a commit SHA or a ticket. */
  public static final int CHANGE_REF = 256;

  /** An inline policy, as JSON. */
  public static final int INLINE_POLICY_CHARS = 32 * 1024;

  /** Stages of a policy. */
  public static final int STAGES = 20;

  /** The most releases one train carries. */
  public static final int TRAIN_RELEASES = 30;

  /** A custom metric query of an analysis check. */
  public static final int QUERY = 4000;

  /** A body sent to the REST API; larger ones are refused with 413 before they are read. */
  public static final int BODY_BYTES = 64 * 1024;

  /** How far in the future a change's commit time may be (clocks differ); later is refused. */
  public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private Limits() {}
}
