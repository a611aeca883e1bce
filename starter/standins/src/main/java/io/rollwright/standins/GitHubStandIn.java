package io.rollwright.standins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for GitHub's REST API of releases that the real {@code org.kohsuke:github-api}
 * client talks to. Like GitHub, it refuses calls without its token (401 Bad credentials), answers
 * 404 for repositories the token may not see, refuses with 422 making a draft or prerelease the
 * latest release and uploading an asset under a name the release already has, serves assets as
 * octet streams, and keeps which release is the latest. It records every change, for tests to
 * assert.
 */
public final class GitHubStandIn implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern REPO = Pattern.compile("/repos/([^/]+/[^/]+)(/.*)?");

  private final HttpServer server;
  private final String token;
  private final AtomicLong ids = new AtomicLong(1000);
  private final Map<String, Repo> repos = new ConcurrentHashMap<>();
  private final List<String> changes = new CopyOnWriteArrayList<>();

  private static final class Repo {
    final List<ObjectNode> releases = new CopyOnWriteArrayList<>();
    final Map<Long, String> content = new ConcurrentHashMap<>();
    volatile long latest;
  }

  public GitHubStandIn(String token) throws IOException {
    this.token = token;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        ex -> {
          try {
            handle(ex);
          } catch (RuntimeException e) {
            send(ex, 500, "{\"message\":\"stand-in failed: " + e + "\"}");
          }
        });
    server.start();
  }

  /** The API's base URL. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** A repository the token may see. */
  public void repository(String fullName) {
    repos.put(fullName, new Repo());
  }

  /**
   * Adds a release of {@code version} ({@code v}-tagged) with an update file per name in {@code
   * files}, each naming the version; {@code draft} as the build leaves it, or published as the
   * latest.
   */
  public void release(String repo, String version, boolean draft, String... files) {
    Repo r = repos.get(repo);
    long id = ids.incrementAndGet();
    ObjectNode release =
        JSON.createObjectNode()
            .put("id", id)
            .put("tag_name", "v" + version)
            .put("name", version)
            .put("draft", draft)
            .put("prerelease", false)
            .put("created_at", Instant.ofEpochSecond(1_700_000_000L + id).toString())
            .put("url", url() + "/repos/" + repo + "/releases/" + id)
            .put(
                "upload_url",
                url() + "/uploads/repos/" + repo + "/releases/" + id + "/assets{?name,label}");
    if (!draft) {
      release.put("published_at", Instant.ofEpochSecond(1_700_000_000L + id).toString());
      r.latest = id;
    }
    ArrayNode assets = release.putArray("assets");
    for (String file : files) {
      addAsset(repo, r, assets, file, "version: " + version + "\npath: app-" + version + ".exe\n");
    }
    r.releases.add(release);
  }

  /** What {@code tag}'s update file {@code name} says now. */
  public String file(String repo, String tag, String name) {
    Repo r = repos.get(repo);
    for (JsonNode a : find(r, tag).path("assets")) {
      if (a.path("name").asText().equals(name)) {
        return r.content.get(a.path("id").asLong());
      }
    }
    return null;
  }

  /** The tag of the latest release. */
  public String latest(String repo) {
    Repo r = repos.get(repo);
    return r.releases.stream()
        .filter(x -> x.path("id").asLong() == r.latest)
        .map(x -> x.path("tag_name").asText())
        .findFirst()
        .orElse(null);
  }

  /** Whether {@code tag} is a draft, a prerelease or published. */
  public String state(String repo, String tag) {
    ObjectNode release = find(repos.get(repo), tag);
    return release.path("draft").asBoolean()
        ? "draft"
        : release.path("prerelease").asBoolean() ? "prerelease" : "published";
  }

  /** The changes so far, in order: {@code PATCH v2.4.0 {...}}, {@code upload v2.4.0 latest.yml}. */
  public List<String> changes() {
    return List.copyOf(changes);
  }

  private void handle(HttpExchange ex) throws IOException {
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    if (auth == null || !(auth.equals("token " + token) || auth.equals("Bearer " + token))) {
      send(ex, 401, "{\"message\":\"Bad credentials\"}");
      return;
    }
    String path = ex.getRequestURI().getPath();
    boolean upload = path.startsWith("/uploads/");
    Matcher m = REPO.matcher(upload ? path.substring("/uploads".length()) : path);
    Repo r = m.matches() ? repos.get(m.group(1)) : null;
    if (r == null) {
      send(ex, 404, "{\"message\":\"Not Found\"}");
      return;
    }
    String repo = m.group(1);
    String rest = m.group(2) == null ? "" : m.group(2);
    String method = ex.getRequestMethod();
    String override = ex.getRequestHeaders().getFirst("X-HTTP-Method-Override");
    if (override != null) {
      method = override;
    }
    Matcher asset = Pattern.compile("/releases/assets/(\\d+)").matcher(rest);
    Matcher release = Pattern.compile("/releases/(\\d+)(/assets)?").matcher(rest);
    if (rest.isEmpty()) {
      send(
          ex,
          200,
          JSON.createObjectNode()
              .put("id", 1)
              .put("name", repo.substring(repo.indexOf('/') + 1))
              .put("full_name", repo)
              .put("url", url() + "/repos/" + repo)
              .set(
                  "owner",
                  JSON.createObjectNode().put("login", repo.substring(0, repo.indexOf('/'))))
              .toString());
    } else if (rest.equals("/releases") && method.equals("GET")) {
      ArrayNode all = JSON.createArrayNode();
      r.releases.forEach(all::add);
      send(ex, 200, all.toString());
    } else if (rest.equals("/releases/latest")) {
      ObjectNode latest =
          r.releases.stream()
              .filter(x -> x.path("id").asLong() == r.latest)
              .findFirst()
              .orElse(null);
      send(
          ex,
          latest == null ? 404 : 200,
          latest == null ? "{\"message\":\"Not Found\"}" : latest.toString());
    } else if (rest.startsWith("/releases/tags/")) {
      ObjectNode found = find(r, rest.substring("/releases/tags/".length()));
      send(
          ex,
          found == null ? 404 : 200,
          found == null ? "{\"message\":\"Not Found\"}" : found.toString());
    } else if (asset.matches()) {
      long id = Long.parseLong(asset.group(1));
      if (method.equals("DELETE")) {
        for (ObjectNode rel : r.releases) {
          ArrayNode assets = (ArrayNode) rel.get("assets");
          for (int i = 0; i < assets.size(); i++) {
            if (assets.get(i).path("id").asLong() == id) {
              changes.add(
                  "delete "
                      + rel.path("tag_name").asText()
                      + " "
                      + assets.get(i).path("name").asText());
              assets.remove(i);
              r.content.remove(id);
              ex.sendResponseHeaders(204, -1);
              ex.close();
              return;
            }
          }
        }
        send(ex, 404, "{\"message\":\"Not Found\"}");
      } else if ("application/octet-stream".equals(ex.getRequestHeaders().getFirst("Accept"))
          && r.content.containsKey(id)) {
        send(ex, 200, r.content.get(id));
      } else {
        send(ex, 404, "{\"message\":\"Not Found\"}");
      }
    } else if (release.matches()) {
      ObjectNode rel =
          r.releases.stream()
              .filter(x -> x.path("id").asLong() == Long.parseLong(release.group(1)))
              .findFirst()
              .orElse(null);
      if (rel == null) {
        send(ex, 404, "{\"message\":\"Not Found\"}");
      } else if (release.group(2) != null && upload && method.equals("POST")) {
        String name = queryParam(ex, "name");
        for (JsonNode a : rel.path("assets")) {
          if (a.path("name").asText().equals(name)) {
            send(
                ex,
                422,
                "{\"message\":\"Validation Failed\",\"errors\":[{\"resource\":\"ReleaseAsset\",\"code\":\"already_exists\",\"field\":\"name\"}]}");
            return;
          }
        }
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        ObjectNode added = addAsset(repo, r, (ArrayNode) rel.get("assets"), name, body);
        changes.add("upload " + rel.path("tag_name").asText() + " " + name);
        send(ex, 201, added.toString());
      } else if (release.group(2) != null) {
        send(ex, 200, rel.get("assets").toString());
      } else if (method.equals("PATCH")) {
        JsonNode patch = JSON.readTree(ex.getRequestBody());
        boolean draft = patch.path("draft").asBoolean(rel.path("draft").asBoolean());
        boolean pre = patch.path("prerelease").asBoolean(rel.path("prerelease").asBoolean());
        String makeLatest = patch.path("make_latest").asText("");
        if (makeLatest.equals("true") && (draft || pre)) {
          send(
              ex,
              422,
              "{\"message\":\"Validation Failed\",\"errors\":[{\"resource\":\"Release\",\"code\":\"custom\",\"message\":\"Drafts and prereleases cannot be set as latest.\"}]}");
          return;
        }
        rel.put("draft", draft).put("prerelease", pre);
        if (!draft && !rel.hasNonNull("published_at")) {
          rel.put("published_at", Instant.now().toString());
        }
        if (makeLatest.equals("true")) {
          r.latest = rel.path("id").asLong();
        } else if (r.latest == rel.path("id").asLong() && (draft || pre)) {
          r.latest = 0;
        }
        changes.add("PATCH " + rel.path("tag_name").asText() + " " + patch);
        send(ex, 200, rel.toString());
      } else {
        send(ex, 200, rel.toString());
      }
    } else {
      send(ex, 404, "{\"message\":\"Not Found\"}");
    }
  }

  private ObjectNode addAsset(String repo, Repo r, ArrayNode assets, String name, String text) {
    long id = ids.incrementAndGet();
    r.content.put(id, text);
    ObjectNode a =
        assets
            .addObject()
            .put("id", id)
            .put("name", name)
            .put("size", text.length())
            .put("state", "uploaded")
            .put("content_type", "application/x-yaml")
            .put("url", url() + "/repos/" + repo + "/releases/assets/" + id)
            .put("browser_download_url", url() + "/download/" + id);
    return a;
  }

  private static ObjectNode find(Repo r, String tag) {
    return r.releases.stream()
        .filter(x -> x.path("tag_name").asText().equals(tag))
        .findFirst()
        .orElse(null);
  }

  private static String queryParam(HttpExchange ex, String name) {
    return HttpForms.parse(ex.getRequestURI().getRawQuery()).get(name);
  }

  private static void send(HttpExchange ex, int code, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
    ex.sendResponseHeaders(code, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
