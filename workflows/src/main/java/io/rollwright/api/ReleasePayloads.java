package io.rollwright.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollwright.policy.ReleaseJson;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.converter.JacksonJsonPayloadConverter;

/**
 * The Temporal data converter of Rollwright's workers: Temporal's default, with JSON read without
 * coercion ({@link ReleaseJson#noCoercion}), so a start input sent with the Temporal CLI meets the
 * same types as the REST API and the CLI ({@code "version": 5} is refused, not read as "5"). What
 * Rollwright writes is typed, so recorded histories read as before.
 */
public final class ReleasePayloads {
  private ReleasePayloads() {}

  public static DataConverter converter() {
    return DefaultDataConverter.newDefaultInstance()
        .withPayloadConverterOverrides(new JacksonJsonPayloadConverter(mapper()));
  }

  /**
   * The JSON mapper of the converter's {@code json/plain} payloads, for a payload read as JSON
   * without the converter (Temporal's HTTP API shows such payloads as JSON).
   */
  public static ObjectMapper mapper() {
    return ReleaseJson.noCoercion(JacksonJsonPayloadConverter.newDefaultObjectMapper());
  }
}
