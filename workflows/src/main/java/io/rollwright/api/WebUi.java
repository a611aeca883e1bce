package io.rollwright.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

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
        + namespace
        + "/workflows/"
        + URLEncoder.encode(releaseId, StandardCharsets.UTF_8)
        + "/"
        + runId
        + "/history";
  }
}
