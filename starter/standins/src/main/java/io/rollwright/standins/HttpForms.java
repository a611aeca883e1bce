package io.rollwright.standins;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** URL-encoded forms and query strings, as the stand-ins receive them. */
public final class HttpForms {
  private HttpForms() {}

  /** The parameters of {@code body} (none when it is null), in order. */
  public static Map<String, String> parse(String body) {
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : (body == null ? "" : body).split("&", -1)) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        params.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return params;
  }
}
