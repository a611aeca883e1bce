package io.rollwright.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.util.Locale;

/**
 * Strict reading of requests and policies as people write them: unknown fields, wrong types (no
 * coercion: a number is not a string, a fraction not an integer, a string not a number), NaN and
 * Infinity, a field given twice, and malformed text are refused with the path of the field at
 * fault. Every door reads with it: the REST API, the CLI, policy files.
 */
public final class ReleaseJson {
  private static final ObjectMapper JSON = strict(new ObjectMapper());

  private ReleaseJson() {}

  /** Configures a mapper (JSON or YAML) for strict reading. */
  public static ObjectMapper strict(ObjectMapper mapper) {
    return noCoercion(mapper)
        .registerModule(
            new SimpleModule("finite-numbers").addDeserializer(Double.class, new FiniteDouble()))
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
        .configure(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY, false);
  }

  /**
   * Configures a mapper to read every value as the type it is written in: a number is not a string
   * or an enum, a fraction not an integer, a string not a number or a boolean. The worker's
   * Temporal payload converter reads with it, so a start input from the Temporal CLI is not coerced
   * either.
   */
  public static ObjectMapper noCoercion(ObjectMapper mapper) {
    mapper
        .coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    mapper
        .coercionConfigFor(LogicalType.Integer)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
    mapper
        .coercionConfigFor(LogicalType.Float)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    mapper
        .coercionConfigFor(LogicalType.Boolean)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    return mapper
        .configure(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS, true)
        .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
        .configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false);
  }

  /**
   * Reads a JSON text as {@code type} strictly, or throws {@link InvalidReleaseException} naming
   * the field at fault under {@code root}.
   */
  public static <T> T read(String json, Class<T> type, String root) {
    try {
      return JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw invalid(e, root);
    }
  }

  /**
   * A {@code Double} that is a number: NaN and Infinity (e.g. {@code "NaN"} or {@code 1e999}) are
   * refused.
   */
  private static final class FiniteDouble extends NumberDeserializers.DoubleDeserializer {
    FiniteDouble() {
      super(Double.class, null);
    }

    @Override
    public Double deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
      Double value = super.deserialize(p, ctx);
      if (value != null && !Double.isFinite(value)) {
        throw InvalidFormatException.from(
            p, "must be a finite number (got " + value + ")", value, Double.class);
      }
      return value;
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
    if (e instanceof MismatchedInputException m
        && m.getPath().isEmpty()
        && m.getTargetType() != null
        && m.getTargetType().isRecord()) {
      return new InvalidReleaseException(root, "must be a JSON object");
    }
    if (e.getOriginalMessage().startsWith("Non-standard token")
        && e.getProcessor() instanceof JsonParser p) {
      return new InvalidReleaseException(
          root + path(p.getParsingContext()),
          "must be a finite number (NaN and Infinity are not JSON numbers)");
    }
    if (!(e instanceof JsonMappingException m) || m.getPath().isEmpty()) {
      return new InvalidReleaseException(root, "is not well-formed: " + e.getOriginalMessage());
    }
    String field = root + path(m);
    if (e instanceof UnrecognizedPropertyException u) {
      return new InvalidReleaseException(
          field, "is not a known field (known: " + u.getKnownPropertyIds() + ")");
    }
    if (e instanceof InvalidFormatException f
        && f.getTargetType() != null
        && f.getTargetType().isEnum()) {
      return new InvalidReleaseException(
          field, "'" + f.getValue() + "' is not one of " + jsonNames(f.getTargetType()));
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

  /** Where a parser is, as {@code .inlinePolicy.stages[0].weight}. */
  private static String path(JsonStreamContext at) {
    StringBuilder sb = new StringBuilder();
    for (JsonStreamContext c = at; c != null && !c.inRoot(); c = c.getParent()) {
      sb.insert(0, c.inArray() ? "[" + c.getCurrentIndex() + "]" : "." + c.getCurrentName());
    }
    return sb.toString();
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
