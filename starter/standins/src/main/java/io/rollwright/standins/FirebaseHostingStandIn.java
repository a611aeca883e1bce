package io.rollwright.standins;

import static io.rollwright.standins.GoogleAccountStandIn.error;
import static io.rollwright.standins.GoogleAccountStandIn.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for the Firebase Hosting REST API (v1beta1) that the router's client talks to.
 * Like Google, it signs the service account in by its JWT and refuses calls without its bearer
 * token (401), to sites the account may not manage (403), to unknown sites, channels and versions
 * (404); it validates what Firebase validates: channel IDs, a channel created twice (409), {@code
 * ttl} as seconds of at most 30 days and never on the live channel, label keys and values, the
 * update mask, and for a release its {@code type}, a {@code versionName} of the same site that is
 * {@code FINALIZED}. It records each call and each channel's releases, for tests to assert.
 */
public final class FirebaseHostingStandIn implements AutoCloseable {
  /** One call: {@code channels.create}, {@code releases.create}, ... with what it named. */
  public record Call(String method, String detail) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PREFIX = "/v1beta1/sites/";
  private static final Pattern PATH =
      Pattern.compile("([^/]+)/(?:versions/([^/]+)|channels(?:/([^/]+)(/releases)?)?)");
  private static final Pattern CHANNEL_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
  private static final Pattern LABEL = Pattern.compile("[a-z0-9_-]{0,63}");
  private static final Pattern TTL = Pattern.compile("([0-9]{1,9})s");
  private static final Set<String> TYPES = Set.of("DEPLOY", "ROLLBACK", "SITE_DISABLE");
  private static final Set<String> MASK = Set.of("ttl", "labels", "retainedReleaseCount");

  private final HttpServer server;
  private final GoogleAccountStandIn account;
  private final Map<String, Site> sites = new ConcurrentHashMap<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final AtomicLong clock =
      new AtomicLong(Instant.parse("2026-12-01T00:00:00Z").toEpochMilli());

  private record Site(
      boolean allowed, Map<String, String> versions, Map<String, Channel> channels) {}

  private record Channel(
      Map<String, String> labels, List<ObjectNode> releases, AtomicReference<Instant> expires) {}

  public FirebaseHostingStandIn() throws IOException, NoSuchAlgorithmException {
    account = new GoogleAccountStandIn("auth/firebase.hosting");
    server = account.serve(PREFIX, this::api);
  }

  /** The API's root URL, for {@code rollwright.firebase-hosting.root-url}. */
  public String rootUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  /** Writes a service account key that signs in here into {@code dir} and returns its path. */
  public Path credentials(Path dir) throws IOException {
    return account.credentials(dir.resolve("firebase-service-account.json"), rootUrl());
  }

  /**
   * A site the account may manage ({@code allowed}) or not, with version {@code live} (when not
   * null) released on its live channel.
   */
  public void site(String site, boolean allowed, String live) {
    Site s = new Site(allowed, new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
    s.channels().put("live", newChannel(Map.of()));
    sites.put(site, s);
    if (live != null) {
      version(site, live, "FINALIZED");
      s.channels().get("live").releases().add(0, release(site, "live", live, "DEPLOY"));
    }
  }

  /** Version {@code id} of {@code site}, in {@code status} ({@code FINALIZED}, {@code CREATED}). */
  public void version(String site, String id, String status) {
    sites.get(site).versions().put(id, status);
  }

  /** The ID of the version {@code channel} serves, or null. */
  public String served(String site, String channel) {
    Channel c = sites.get(site).channels().get(channel);
    return c == null || c.releases().isEmpty() ? null : id(c.releases().get(0));
  }

  /** The releases of {@code channel}, oldest first: {@code TYPE versionId}. */
  public List<String> releases(String site, String channel) {
    Channel c = sites.get(site).channels().get(channel);
    List<String> out = new ArrayList<>();
    if (c != null) {
      c.releases().forEach(r -> out.add(0, r.get("type").asText() + " " + id(r)));
    }
    return out;
  }

  /** The labels of {@code channel}, or null when there is no such channel. */
  public Map<String, String> labels(String site, String channel) {
    Channel c = sites.get(site).channels().get(channel);
    return c == null ? null : Map.copyOf(c.labels());
  }

  /** Every call so far, in order. */
  public List<Call> calls() {
    return List.copyOf(calls);
  }

  private void api(HttpExchange ex) throws IOException {
    if (!account.signedIn(ex)) {
      return;
    }
    Matcher m = PATH.matcher(ex.getRequestURI().getPath().substring(PREFIX.length()));
    if (!m.matches()) {
      error(ex, 404, "Not Found", "NOT_FOUND");
      return;
    }
    Site site = sites.get(m.group(1));
    if (site == null) {
      error(ex, 404, "Requested entity was not found.", "NOT_FOUND");
      return;
    }
    if (!site.allowed()) {
      error(ex, 403, "The caller does not have permission", "PERMISSION_DENIED");
      return;
    }
    Map<String, String> query = HttpForms.parse(ex.getRequestURI().getRawQuery());
    String method = ex.getRequestMethod();
    String name = m.group(1);
    if (m.group(2) != null && method.equals("GET")) {
      String status = site.versions().get(m.group(2));
      if (status == null) {
        error(ex, 404, "Version not found.", "NOT_FOUND");
        return;
      }
      calls.add(new Call("versions.get", m.group(2)));
      send(ex, 200, versionJson(name, m.group(2), status).toString());
    } else if (m.group(3) == null && method.equals("POST")) {
      createChannel(ex, name, site, query.get("channelId"));
    } else if (m.group(3) != null && m.group(4) == null) {
      Channel c = site.channels().get(m.group(3));
      if (c == null) {
        error(ex, 404, "Channel " + m.group(3) + " not found.", "NOT_FOUND");
      } else if (method.equals("GET")) {
        calls.add(new Call("channels.get", m.group(3)));
        send(ex, 200, channelJson(name, m.group(3), c).toString());
      } else if (method.equals("PATCH")) {
        patchChannel(ex, name, m.group(3), c, query.get("updateMask"));
      } else {
        error(ex, 405, "Method not allowed", "INVALID_ARGUMENT");
      }
    } else if (m.group(4) != null) {
      Channel c = site.channels().get(m.group(3));
      if (c == null) {
        error(ex, 404, "Channel " + m.group(3) + " not found.", "NOT_FOUND");
      } else if (method.equals("GET")) {
        listReleases(ex, c, query.get("pageSize"));
      } else if (method.equals("POST")) {
        createRelease(ex, name, site, m.group(3), query.get("versionName"));
      } else {
        error(ex, 405, "Method not allowed", "INVALID_ARGUMENT");
      }
    } else {
      error(ex, 405, "Method not allowed", "INVALID_ARGUMENT");
    }
  }

  private void createChannel(HttpExchange ex, String site, Site s, String id) throws IOException {
    if (id == null || !CHANNEL_ID.matcher(id).matches() || id.equals("live")) {
      error(ex, 400, "Invalid channelId: " + id, "INVALID_ARGUMENT");
      return;
    }
    JsonNode body = JSON.readTree(GoogleAccountStandIn.body(ex));
    String invalid = invalidChannel(body, Set.of("ttl", "labels"), false);
    if (invalid != null) {
      error(ex, 400, invalid, "INVALID_ARGUMENT");
      return;
    }
    Channel c = newChannel(labels(body));
    c.expires().set(expiry(body));
    if (s.channels().putIfAbsent(id, c) != null) {
      error(ex, 409, "Channel " + id + " already exists.", "ALREADY_EXISTS");
      return;
    }
    calls.add(new Call("channels.create", id + " " + body.get("labels")));
    send(ex, 200, channelJson(site, id, c).toString());
  }

  private void patchChannel(HttpExchange ex, String site, String id, Channel c, String mask)
      throws IOException {
    Set<String> fields = mask == null ? Set.of() : Set.of(mask.split(","));
    JsonNode body = JSON.readTree(GoogleAccountStandIn.body(ex));
    String invalid =
        fields.isEmpty() || !MASK.containsAll(fields)
            ? "Invalid update mask: " + mask
            : invalidChannel(body, fields, id.equals("live"));
    if (invalid != null) {
      error(ex, 400, invalid, "INVALID_ARGUMENT");
      return;
    }
    if (fields.contains("labels")) {
      c.labels().clear();
      c.labels().putAll(labels(body));
    }
    if (fields.contains("ttl")) {
      c.expires().set(expiry(body));
    }
    calls.add(new Call("channels.patch", id + " " + mask + " " + body.get("labels")));
    send(ex, 200, channelJson(site, id, c).toString());
  }

  /** Why Firebase would refuse this channel body, or null. */
  private static String invalidChannel(JsonNode body, Set<String> fields, boolean live) {
    if (fields.contains("ttl") && body.has("ttl")) {
      Matcher ttl = TTL.matcher(body.get("ttl").asText());
      if (live) {
        return "The live channel cannot expire.";
      }
      if (!ttl.matches() || Duration.ofSeconds(Long.parseLong(ttl.group(1))).toDays() > 30) {
        return "Invalid ttl " + body.get("ttl") + ": seconds, at most 30 days.";
      }
    }
    for (var e : (Iterable<Map.Entry<String, JsonNode>>) () -> body.path("labels").fields()) {
      if (e.getKey().isEmpty()
          || !LABEL.matcher(e.getKey()).matches()
          || !e.getValue().isTextual()
          || !LABEL.matcher(e.getValue().asText()).matches()) {
        return "Invalid label " + e.getKey() + "=" + e.getValue();
      }
    }
    return null;
  }

  private void listReleases(HttpExchange ex, Channel c, String pageSize) throws IOException {
    int size = pageSize == null ? 25 : Integer.parseInt(pageSize);
    if (size < 1 || size > 100) {
      error(ex, 400, "Invalid pageSize " + pageSize, "INVALID_ARGUMENT");
      return;
    }
    ObjectNode page = JSON.createObjectNode();
    c.releases().stream().limit(size).forEach(page.withArray("releases")::add);
    calls.add(new Call("releases.list", ""));
    send(ex, 200, page.toString());
  }

  private void createRelease(
      HttpExchange ex, String site, Site s, String channel, String versionName) throws IOException {
    JsonNode body = JSON.readTree(GoogleAccountStandIn.body(ex));
    String type = body.path("type").asText("DEPLOY");
    String prefix = "sites/" + site + "/versions/";
    String invalid = null;
    if (!TYPES.contains(type) || type.equals("SITE_DISABLE") != (versionName == null)) {
      invalid = "Invalid release type " + type + " with versionName " + versionName;
    } else if (!versionName.startsWith(prefix)) {
      invalid = "The site of versionName " + versionName + " must be the release's: " + site;
    } else if (!"FINALIZED".equals(s.versions().get(versionName.substring(prefix.length())))) {
      invalid = "Version " + versionName + " is not FINALIZED.";
    }
    if (invalid != null) {
      error(ex, 400, invalid, "FAILED_PRECONDITION");
      return;
    }
    ObjectNode r = release(site, channel, versionName.substring(prefix.length()), type);
    r.put("message", body.path("message").asText(""));
    s.channels().get(channel).releases().add(0, r);
    calls.add(new Call("releases.create", channel + " " + type + " " + id(r)));
    send(ex, 200, r.toString());
  }

  private ObjectNode release(String site, String channel, String id, String type) {
    ObjectNode r = JSON.createObjectNode();
    r.put("name", "sites/" + site + "/channels/" + channel + "/releases/" + clock.get());
    r.set("version", versionJson(site, id, "FINALIZED"));
    r.put("type", type);
    r.put("releaseTime", Instant.ofEpochMilli(clock.addAndGet(1000)).toString());
    return r;
  }

  private static ObjectNode versionJson(String site, String id, String status) {
    return JSON.createObjectNode()
        .put("name", "sites/" + site + "/versions/" + id)
        .put("status", status);
  }

  private static ObjectNode channelJson(String site, String id, Channel c) {
    ObjectNode json = JSON.createObjectNode().put("name", "sites/" + site + "/channels/" + id);
    json.put("url", "https://" + site + (id.equals("live") ? "" : "--" + id) + ".web.app");
    if (!c.releases().isEmpty()) {
      json.set("release", c.releases().get(0));
    }
    if (c.expires().get() != null) {
      json.put("expireTime", c.expires().get().toString());
    }
    ObjectNode labels = json.putObject("labels");
    c.labels().forEach(labels::put);
    return json;
  }

  private static Channel newChannel(Map<String, String> labels) {
    return new Channel(
        new ConcurrentHashMap<>(labels), new CopyOnWriteArrayList<>(), new AtomicReference<>());
  }

  private static Map<String, String> labels(JsonNode body) {
    Map<String, String> out = new ConcurrentHashMap<>();
    body.path("labels").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  private Instant expiry(JsonNode body) {
    Matcher ttl = TTL.matcher(body.path("ttl").asText(""));
    return ttl.matches()
        ? Instant.ofEpochMilli(clock.get()).plusSeconds(Long.parseLong(ttl.group(1)))
        : null;
  }

  private static String id(JsonNode release) {
    String name = release.path("version").path("name").asText();
    return name.substring(name.lastIndexOf('/') + 1);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
