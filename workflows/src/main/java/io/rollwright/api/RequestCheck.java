package io.rollwright.api;

import io.rollwright.policy.DurationText;
import io.rollwright.policy.InvalidReleaseException;
import io.rollwright.policy.Limits;
import io.rollwright.policy.ReleaseJson;
import io.rollwright.policy.ReleasePolicy;
import io.rollwright.policy.Strategy;
import io.rollwright.policy.Violation;
import io.rollwright.policy.Violations;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules every input must meet before anything happens, at every door: the release request
 * (REST, CLI, the workflow at start), controls, and a change's commit time. Pure: the limits are
 * {@link Limits}; each violation names its field.
 */
public final class RequestCheck {
  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*");
  private static final Pattern IMAGE = Pattern.compile("\\S+");

  private RequestCheck() {}

  /** Every rule the request breaks; empty when it is valid. */
  public static List<Violation> check(ReleaseRequest r) {
    Violations v = new Violations();
    if (r == null) {
      v.add("request", "is required");
      return v.list();
    }
    v.name("service", r.service());
    v.name("environment", r.environment());
    boolean rollback = r.strategy() == Strategy.ROLLBACK;
    boolean versionOptional = rollback && !r.forced();
    // a rollback that is not forced finds its version and image in release history
    boolean versionGiven =
        versionOptional
            ? r.version() != null && v.optional("version", r.version(), Limits.VERSION)
            : v.required("version", r.version(), Limits.VERSION);
    if (versionGiven && !VERSION.matcher(r.version()).matches()) {
      v.add("version", "must be letters, digits, '.', '_', '+' or '-' (got '" + r.version() + "')");
    }
    boolean imageGiven =
        versionOptional
            ? r.image() != null && v.optional("image", r.image(), Limits.IMAGE)
            : v.required("image", r.image(), Limits.IMAGE);
    if (imageGiven && !IMAGE.matcher(r.image()).matches()) {
      v.add("image", "must not contain spaces");
    }
    if (r.forced() && !rollback) {
      v.add("force", "only a rollback can be forced (to a version never promoted)");
    }
    v.identity("requestedBy", r.requestedBy(), true);
    v.optional("changeRef", r.changeRef(), Limits.CHANGE_REF);
    boolean noReason = r.reason() == null || r.reason().isBlank();
    if (r.strategy() == Strategy.DIRECT && noReason) {
      v.add("reason", "is required for the direct strategy (break-glass releases must say why)");
    } else if (rollback && noReason) {
      v.add("reason", "is required for a rollback (say what it undoes and why)");
    } else {
      v.optional("reason", r.reason(), Limits.REASON);
    }
    if (r.type() != null) {
      v.name("type", r.type());
    }
    if (r.policy() != null) {
      v.name("policy", r.policy());
      if (r.inlinePolicy() != null) {
        v.add("policy", "give either a policy name or an inlinePolicy, not both");
      }
    }
    if (r.inlinePolicy() != null) {
      inlinePolicy(v, r.inlinePolicy());
    }
    return v.list();
  }

  /** Throws {@link InvalidReleaseException} naming every broken rule of the request. */
  public static void require(ReleaseRequest r) {
    requireNone(check(r));
  }

  /**
   * The limits of a control's free text: who asks ({@code actor}) and why ({@code reason}), each
   * optional here (whether a control needs them is the release's rule), at most {@link
   * Limits#ACTOR} and {@link Limits#REASON} characters, one line without control characters; the
   * actor one visible word.
   */
  public static List<Violation> control(String actor, String reason) {
    Violations v = new Violations();
    v.identity("actor", actor, false);
    v.optional("reason", reason, Limits.REASON);
    return v.list();
  }

  /** {@link #control(String, String)} and the stage a command may be bound to (a name). */
  public static List<Violation> control(ControlCommand command) {
    if (command == null) {
      return List.of(new Violation("control", "is required"));
    }
    Violations v = new Violations();
    v.addAll(control(command.actor(), command.reason()));
    v.optional("stage", command.stage(), Limits.NAME);
    return v.list();
  }

  /** Throws {@link InvalidReleaseException} naming every broken rule of the control. */
  public static void requireControl(ControlCommand command) {
    requireNone(control(command));
  }

  /**
   * A change's commit time, named {@code field}: it cannot be later than {@code now} plus {@link
   * Limits#CLOCK_SKEW} (a commit from the future would make lead time negative).
   */
  public static List<Violation> committedAt(String field, Instant committed, Instant now) {
    if (committed != null && committed.isAfter(now.plus(Limits.CLOCK_SKEW))) {
      return List.of(
          new Violation(
              field,
              committed
                  + " is in the future (now "
                  + now
                  + "; clocks may differ by at most "
                  + DurationText.format(Limits.CLOCK_SKEW)
                  + ")"));
    }
    return List.of();
  }

  /** Throws {@link InvalidReleaseException} for the violations, if any. */
  public static void requireNone(List<Violation> found) {
    if (!found.isEmpty()) {
      throw new InvalidReleaseException(found);
    }
  }

  private static void inlinePolicy(Violations v, ReleasePolicy p) {
    if (p.stages() != null && p.stages().size() > Limits.STAGES) {
      v.add("inlinePolicy.stages", p.stages().size() + " stages, at most " + Limits.STAGES);
    }
    int size = ReleaseJson.write(p).length();
    if (size > Limits.INLINE_POLICY_CHARS) {
      v.add("inlinePolicy", size + " characters as JSON, at most " + Limits.INLINE_POLICY_CHARS);
    }
  }
}
