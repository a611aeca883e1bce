package io.rollwright.service.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.policy.InvalidReleaseException;
import io.rollwright.policy.ReleaseJson;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The body of {@code POST /releases}: a release request as every front door reads it (strictly),
 * plus {@code changeCommittedAt}; {@code requestedBy} is the caller and may be left out. A train's
 * body ({@code POST /trains}) is read the same way.
 */
record StartBody(ReleaseRequest request, Instant changeCommittedAt) {
  private static final ObjectMapper JSON = ReleaseJson.strict(new ObjectMapper());

  static StartBody parse(String body, String caller) {
    ObjectNode fields = askedBy(body, caller, "request");
    Instant committed = committedAt(fields, "request");
    return new StartBody(ReleaseRequest.fromJson(fields.toString()), committed);
  }

  /**
   * Takes {@code changeCommittedAt} out of {@code fields} (of a request named {@code what} in
   * refusals): the instant it gives, or null when there is none.
   */
  static Instant committedAt(ObjectNode fields, String what) {
    JsonNode at = fields.remove("changeCommittedAt");
    if (at == null || at.isNull()) {
      return null;
    }
    if (!at.isTextual()) {
      throw new InvalidReleaseException(
          what + ".changeCommittedAt",
          "must be a string, an ISO-8601 instant such as 2026-11-21T09:30:00Z");
    }
    try {
      return Instant.parse(at.asText());
    } catch (DateTimeParseException e) {
      throw new InvalidReleaseException(
          what + ".changeCommittedAt",
          "'" + at.asText() + "' is not an ISO-8601 instant, e.g. 2026-11-21T09:30:00Z");
    }
  }

  /**
   * The fields of the JSON object {@code body} (a release or train request, named {@code what} in
   * refusals) with {@code requestedBy} set to the caller: a body may leave it out or name the
   * caller, never someone else.
   */
  static ObjectNode askedBy(String body, String caller, String what) {
    JsonNode tree;
    try {
      tree = JSON.readTree(body == null ? "" : body);
    } catch (JsonProcessingException e) {
      throw ReleaseJson.invalid(e, what);
    }
    if (!(tree instanceof ObjectNode fields)) {
      throw new InvalidReleaseException(what, "must be a JSON object");
    }
    JsonNode asked = fields.get("requestedBy");
    if (asked != null && !asked.isNull() && !asked.isTextual()) {
      throw new InvalidReleaseException(
          what + ".requestedBy",
          "must be a string (got " + asked.getNodeType().name().toLowerCase(Locale.ROOT) + ")");
    }
    if (asked != null && !asked.isNull() && !asked.asText().equals(caller)) {
      throw new InvalidReleaseException(
          what + ".requestedBy",
          "is the caller, " + caller + "; leave it out (it was '" + asked.asText() + "')");
    }
    fields.put("requestedBy", caller);
    return fields;
  }
}
