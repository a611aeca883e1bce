package io.rollwright.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.rollwright.api.ReleaseRequest;
import java.util.Locale;

/**
 * Strict reading of requests and policies as people write them: unknown fields, wrong types and
 * malformed text are refused with the path of the field at fault.
 */
public final class ReleaseJson {
  private static final ObjectMapper JSON = strict(new ObjectMapper());

  private ReleaseJson() {}

  /** Configures a mapper (JSON or YAML) for strict reading. */
  public static ObjectMapper strict(ObjectMapper mapper) {
    return mapper
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
        .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
        .configure(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY, false);
  }

  /** Reads a release request, or throws {@link InvalidReleaseException} naming the field at fault. */
  public static ReleaseRequest request(String json) {
    try {
      return JSON.readValue(json, ReleaseRequest.class);
    } catch (JsonProcessingException e) {
      throw invalid(e, "request");
    }
  }

  /** Writes any contract record as JSON. */
  public static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** Turns a parse error into one violation: the field's path and what is wrong with it. */
  public static InvalidReleaseException invalid(JsonProcessingException e, String root) {
    if (e instanceof MismatchedInputException m && m.getPath().isEmpty() && m.getTargetType() != null && m.getTargetType().isRecord()) {
      return new InvalidReleaseException(root, "must be a JSON object");
    }
    if (!(e instanceof JsonMappingException m) || m.getPath().isEmpty()) {
      return new InvalidReleaseException(root, "is not well-formed: " + e.getOriginalMessage());
    }
    String field = root + path(m);
    if (e instanceof UnrecognizedPropertyException u) {
      return new InvalidReleaseException(field, "is not a known field (known: " + u.getKnownPropertyIds() + ")");
    }
    if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
      return new InvalidReleaseException(field, "'" + f.getValue() + "' is not one of " + jsonNames(f.getTargetType()));
    }
    String message = e.getOriginalMessage();
    int cut = message.indexOf("\n");
    return new InvalidReleaseException(field, cut > 0 ? message.substring(0, cut) : message);
  }

  /** The names an enum is written with in JSON: its {@code @JsonProperty} values. */
  private static String jsonNames(Class<?> type) {
    StringBuilder names = new StringBuilder();
    for (Object c : type.getEnumConstants()) {
      String name = ((Enum<?>) c).name();
      try {
        JsonProperty p = type.getField(name).getAnnotation(JsonProperty.class);
        name = p != null ? p.value() : name.toLowerCase(Locale.ROOT);
      } catch (NoSuchFieldException e) {
        name = name.toLowerCase(Locale.ROOT);
      }
      names.append(names.length() == 0 ? "" : ", ").append(name);
    }
    return names.toString();
  }

  private static String path(JsonMappingException m) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : m.getPath()) {
      if (r.getFieldName() != null) sb.append('.').append(r.getFieldName());
      else if (r.getIndex() >= 0) sb.append('[').append(r.getIndex()).append(']');
    }
    return sb.toString();
  }
}
