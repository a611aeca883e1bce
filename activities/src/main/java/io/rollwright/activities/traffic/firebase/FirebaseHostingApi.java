package io.rollwright.activities.traffic.firebase;

import static io.rollwright.activities.traffic.JsonApi.enc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rollwright.activities.traffic.JsonApi;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The calls of the Firebase Hosting REST API (v1beta1) the router makes: read and create or update
 * a preview channel, release a version to a channel (the live one included), list a channel's
 * releases and read a version.
 */
final class FirebaseHostingApi {
  /** A channel and the version it serves now (null before its first release). */
  record Channel(String id, String versionName, Map<String, String> labels) {}

  /** One release of a channel: which version, how ({@code DEPLOY}, {@code ROLLBACK}), when. */
  record Release(String versionName, String type, Instant time) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PAGE = 100;

  private final JsonApi api;

  FirebaseHostingApi(JsonApi api) {
    this.api = api;
  }

  /** Channel {@code id} of {@code site}, or null when there is none. */
  Channel channel(String site, String id) {
    JsonNode c = api.find("reading channel " + id + " of site " + site, channelPath(site, id));
    if (c == null) {
      return null;
    }
    Map<String, String> labels = new HashMap<>();
    c.path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    String version = c.path("release").path("version").path("name").asText(null);
    return new Channel(id, version, labels);
  }

  /** Creates preview channel {@code id} of {@code site}, expiring {@code ttl} from now. */
  void createChannel(String site, String id, Duration ttl, Map<String, String> labels) {
    api.call(
        "creating channel " + id + " of site " + site,
        "POST",
        "v1beta1/sites/" + enc(site) + "/channels?channelId=" + enc(id),
        channelBody(ttl, labels));
  }

  /** Sets the labels of preview channel {@code id} and makes it expire {@code ttl} from now. */
  void updateChannel(String site, String id, Duration ttl, Map<String, String> labels) {
    api.call(
        "updating channel " + id + " of site " + site,
        "PATCH",
        channelPath(site, id) + "?updateMask=ttl,labels",
        channelBody(ttl, labels));
  }

  /** Releases {@code versionName} to channel {@code channel}; {@code type} says why. */
  void release(String site, String channel, String versionName, String type, String message) {
    api.call(
        "releasing " + versionName + " to channel " + channel + " of site " + site,
        "POST",
        channelPath(site, channel) + "/releases?versionName=" + enc(versionName),
        JSON.createObjectNode().put("type", type).put("message", message));
  }

  /** The most recent releases of {@code channel}, newest first. */
  List<Release> releases(String site, String channel) {
    JsonNode page =
        api.call(
            "listing the releases of channel " + channel + " of site " + site,
            "GET",
            channelPath(site, channel) + "/releases?pageSize=" + PAGE,
            null);
    List<Release> out = new ArrayList<>();
    if (page != null) {
      for (JsonNode r : page.path("releases")) {
        out.add(
            new Release(
                r.path("version").path("name").asText(null),
                r.path("type").asText(""),
                Instant.parse(r.path("releaseTime").asText(Instant.EPOCH.toString()))));
      }
    }
    out.sort(Comparator.comparing(Release::time).reversed());
    return out;
  }

  /** The status of version {@code versionName} ({@code FINALIZED}, ...), or null if unknown. */
  String versionStatus(String versionName) {
    JsonNode v = api.find("reading " + versionName, "v1beta1/" + versionName);
    return v == null ? null : v.path("status").asText("");
  }

  private static String channelPath(String site, String id) {
    return "v1beta1/sites/" + enc(site) + "/channels/" + enc(id);
  }

  private static ObjectNode channelBody(Duration ttl, Map<String, String> labels) {
    ObjectNode body = JSON.createObjectNode().put("ttl", ttl.toSeconds() + "s");
    ObjectNode l = body.putObject("labels");
    labels.forEach(l::put);
    return body;
  }
}
