package io.rollwright.service.api;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code rollwright.api.*}: who may call the REST API. {@code tokens} maps each caller's identity
 * to its bearer token ({@code ROLLWRIGHT_API_TOKENS_CIBOT=...} makes caller {@code cibot}). {@code
 * identityHeader}, when set, names the header an mTLS-terminating proxy in front sets to the client
 * certificate's identity; only set it when every request comes through that proxy. {@code ui} is
 * the Temporal Web UI base URL for links.
 */
@ConfigurationProperties("rollwright.api")
public record ApiProperties(Map<String, String> tokens, String identityHeader, String ui) {
  public ApiProperties {
    tokens = tokens == null ? Map.of() : Map.copyOf(tokens);
    ui = ui == null || ui.isBlank() ? "http://localhost:8233" : ui.replaceAll("/+$", "");
  }
}
