package io.rollwright.policy;

import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.Strategy;
import java.util.List;
import java.util.regex.Pattern;

/** The rules a release request must meet before anything starts. Pure. */
public final class RequestValidator {
  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*");
  private static final Pattern IMAGE = Pattern.compile("\\S+");

  private RequestValidator() {}

  /** Every rule the request breaks; empty when it is valid. */
  public static List<Violation> check(ReleaseRequest r) {
    Violations v = new Violations();
    if (r == null) {
      v.add("request", "is required");
      return v.list();
    }
    v.name("service", r.service());
    v.name("environment", r.environment());
    if (v.required("version", r.version(), 128) && !VERSION.matcher(r.version()).matches()) {
      v.add("version", "must be letters, digits, '.', '_', '+' or '-' (got '" + r.version() + "')");
    }
    if (v.required("image", r.image(), 512) && !IMAGE.matcher(r.image()).matches()) {
      v.add("image", "must not contain spaces");
    }
    if (v.required("requestedBy", r.requestedBy(), 128) && r.requestedBy().chars().anyMatch(Character::isWhitespace)) {
      v.add("requestedBy", "must be one identity without spaces or line breaks");
    }
    v.optional("changeRef", r.changeRef(), 256);
    if (r.strategy() == Strategy.DIRECT) {
      if (r.reason() == null || r.reason().isBlank()) {
        v.add("reason", "is required for the direct strategy (break-glass releases must say why)");
      } else {
        v.optional("reason", r.reason(), 1000);
      }
    } else {
      v.optional("reason", r.reason(), 1000);
    }
    if (r.policy() != null) {
      v.name("policy", r.policy());
      if (r.inlinePolicy() != null) {
        v.add("policy", "give either a policy name or an inlinePolicy, not both");
      }
    }
    return v.list();
  }

  /** Throws {@link InvalidReleaseException} naming every broken rule. */
  public static void require(ReleaseRequest r) {
    List<Violation> found = check(r);
    if (!found.isEmpty()) {
      throw new InvalidReleaseException(found);
    }
  }
}
