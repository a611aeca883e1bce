package io.rollwright.api;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Links into the Temporal Web UI. */
public final class WebUi {
  private WebUi() {}

  /**
   * Where the Web UI at {@code base} shows run {@code runId} of release {@code releaseId} in {@code
   * namespace}.
   */
  public static String link(String base, String namespace, String releaseId, String runId) {
    return base.replaceAll("/+$", "")
        + "/namespaces/"
        + segment(namespace)
        + "/workflows/"
        + segment(releaseId)
        + "/"
        + segment(runId)
        + "/history";
  }

  /** {@code text} as one URL path segment: every byte but RFC 3986's unreserved ones escaped. */
  static String segment(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        out.append(c);
      } else {
        out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
      }
    }
    return out.toString();
  }
}
