package io.rollwright.standins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for the Play Developer API's Edits that the real {@code
 * google-api-services-androidpublisher} client talks to. Like Google, it signs the service account
 * in by its JWT (checking the RSA signature, issuer, Google's token audience and the scope) and
 * refuses calls without its bearer token (401), to apps the account may not manage (403), to
 * unknown apps and edits (404); it validates each track update the way Play does (statuses, {@code
 * userFraction} only and always with a staged status, strictly between 0 and 1, uploaded version
 * codes, one completed and one staged release at most, the staged one above the completed one) and
 * applies an edit's changes only when it is committed. It records each call and each committed
 * track, for tests to assert.
 */
public final class PlayConsoleStandIn implements AutoCloseable {
  /** One call: what it was ({@code edits.insert}, {@code tracks.update}, ...), on which app. */
  public record Call(String method, String app, String detail) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PREFIX = "/androidpublisher/v3/applications/";
  private static final Pattern PATH =
      Pattern.compile("([^/]+)/edits(?:/([^/:]+)(?::commit|/tracks/([^/]+)|/(bundles))?)?");
  private static final Set<String> STATUSES = Set.of("draft", "inProgress", "halted", "completed");
  private static final Set<String> TRACKS = Set.of("internal", "alpha", "beta", "production");

  private final HttpServer server;
  private final GoogleAccountStandIn account;
  private final Map<String, App> apps = new ConcurrentHashMap<>();
  private final Map<String, Edit> edits = new ConcurrentHashMap<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();

  private record App(Set<Long> bundles, Map<String, ArrayNode> tracks, boolean allowed) {}

  private record Edit(String app, Map<String, ArrayNode> tracks) {}

  public PlayConsoleStandIn() throws IOException, NoSuchAlgorithmException {
    account = new GoogleAccountStandIn("auth/androidpublisher");
    server = account.serve(PREFIX, this::api);
  }

  /** The API's root URL, for {@code rollwright.play-console.root-url}. */
  public String rootUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  /** Writes a service account key that signs in here into {@code dir} and returns its path. */
  public Path credentials(Path dir) throws IOException {
    return account.credentials(dir.resolve("play-service-account.json"), rootUrl());
  }

  /**
   * An app the account may manage ({@code allowed}) or only sees, with these bundles uploaded and
   * {@code live} (when not null) completed on production.
   */
  public void app(String app, boolean allowed, Long live, long... bundles) {
    Set<Long> uploaded = ConcurrentHashMap.newKeySet();
    for (long b : bundles) {
      uploaded.add(b);
    }
    Map<String, ArrayNode> tracks = new ConcurrentHashMap<>();
    TRACKS.forEach(t -> tracks.put(t, JSON.createArrayNode()));
    if (live != null) {
      tracks
          .get("production")
          .addObject()
          .put("status", "completed")
          .putArray("versionCodes")
          .add(Long.toString(live));
    }
    apps.put(app, new App(uploaded, tracks, allowed));
  }

  /** Puts {@code code} in progress to {@code fraction} on production, beside the live release. */
  public void inProgress(String app, long code, double fraction) {
    apps.get(app)
        .tracks()
        .get("production")
        .addObject()
        .put("status", "inProgress")
        .put("userFraction", fraction)
        .putArray("versionCodes")
        .add(Long.toString(code));
  }

  /** The committed releases of {@code track}: {@code status [codes] fraction}, one per release. */
  public List<String> track(String app, String track) {
    List<String> out = new ArrayList<>();
    for (JsonNode r : apps.get(app).tracks().get(track)) {
      List<String> codes = new ArrayList<>();
      r.path("versionCodes").forEach(c -> codes.add(c.asText()));
      String fraction = r.has("userFraction") ? " " + r.get("userFraction").asDouble() : "";
      out.add(r.get("status").asText() + " " + codes + fraction);
    }
    return out;
  }

  /** Every call so far, in order. */
  public List<Call> calls() {
    return List.copyOf(calls);
  }

  /** The committed changes so far: each commit's production track, in order. */
  public List<String> commits(String app) {
    return calls.stream()
        .filter(c -> c.method().equals("edits.commit") && c.app().equals(app))
        .map(Call::detail)
        .toList();
  }

  private void api(HttpExchange ex) throws IOException {
    if (!account.signedIn(ex)) {
      return;
    }
    Matcher m = PATH.matcher(ex.getRequestURI().getPath().substring(PREFIX.length()));
    if (!m.matches()) {
      GoogleAccountStandIn.error(ex, 404, "Not Found", "NOT_FOUND");
      return;
    }
    String app = m.group(1);
    App known = apps.get(app);
    if (known == null) {
      GoogleAccountStandIn.error(ex, 404, "Package not found: " + app + ".", "NOT_FOUND");
      return;
    }
    if (!known.allowed()) {
      GoogleAccountStandIn.error(
          ex, 403, "The caller does not have permission", "PERMISSION_DENIED");
      return;
    }
    String method = ex.getRequestMethod();
    String id = m.group(2);
    if (id == null) {
      if (!method.equals("POST")) {
        GoogleAccountStandIn.error(ex, 405, "Method not allowed", "INVALID_ARGUMENT");
        return;
      }
      id = Long.toString(System.nanoTime());
      Map<String, ArrayNode> copy = new ConcurrentHashMap<>();
      known.tracks().forEach((t, r) -> copy.put(t, r.deepCopy()));
      edits.put(id, new Edit(app, copy));
      calls.add(new Call("edits.insert", app, id));
      GoogleAccountStandIn.send(ex, 200, "{\"id\":\"" + id + "\",\"expiryTimeSeconds\":\"3600\"}");
      return;
    }
    Edit edit = edits.get(id);
    if (edit == null || !edit.app().equals(app)) {
      GoogleAccountStandIn.error(ex, 404, "This Edit has been deleted.", "NOT_FOUND");
      return;
    }
    String path = ex.getRequestURI().getPath();
    String track = m.group(3);
    if (path.endsWith(":commit") && method.equals("POST")) {
      edits.remove(id);
      known.tracks().putAll(edit.tracks());
      calls.add(new Call("edits.commit", app, String.join(", ", track(app, "production"))));
      GoogleAccountStandIn.send(ex, 200, "{\"id\":\"" + id + "\"}");
    } else if (m.group(4) != null && method.equals("GET")) {
      ArrayNode list = JSON.createArrayNode();
      known.bundles().forEach(b -> list.addObject().put("versionCode", b).put("sha1", "00"));
      calls.add(new Call("bundles.list", app, ""));
      GoogleAccountStandIn.send(ex, 200, JSON.createObjectNode().set("bundles", list).toString());
    } else if (track != null && method.equals("GET")) {
      if (!TRACKS.contains(track)) {
        GoogleAccountStandIn.error(ex, 404, "Track not found: " + track + ".", "NOT_FOUND");
        return;
      }
      calls.add(new Call("tracks.get", app, track));
      ObjectNode body = JSON.createObjectNode().put("track", track);
      body.set("releases", edit.tracks().get(track));
      GoogleAccountStandIn.send(ex, 200, body.toString());
    } else if (track != null && method.equals("PUT")) {
      JsonNode body = JSON.readTree(GoogleAccountStandIn.body(ex));
      String invalid = invalid(track, body, known.bundles());
      if (invalid != null) {
        GoogleAccountStandIn.error(ex, 400, invalid, "INVALID_ARGUMENT");
        return;
      }
      edit.tracks().put(track, (ArrayNode) body.get("releases"));
      calls.add(new Call("tracks.update", app, track + ": " + body.get("releases")));
      GoogleAccountStandIn.send(ex, 200, body.toString());
    } else if (track == null && method.equals("DELETE")) {
      edits.remove(id);
      calls.add(new Call("edits.delete", app, id));
      ex.sendResponseHeaders(204, -1);
      ex.close();
    } else {
      GoogleAccountStandIn.error(ex, 405, "Method not allowed", "INVALID_ARGUMENT");
    }
  }

  /** Why Play would refuse this track update, or null. */
  private static String invalid(String track, JsonNode body, Set<Long> bundles) {
    if (!TRACKS.contains(track) || !track.equals(body.path("track").asText())) {
      return "Track in the body (" + body.path("track") + ") must be the track updated: " + track;
    }
    int completed = 0;
    long completedCode = 0;
    long stagedCode = Long.MAX_VALUE;
    int staged = 0;
    for (JsonNode r : body.path("releases")) {
      String status = r.path("status").asText();
      if (!STATUSES.contains(status)) {
        return "Invalid value at 'track.releases.status' (" + r.path("status") + ")";
      }
      if (!r.path("versionCodes").isArray() || r.path("versionCodes").isEmpty()) {
        return "Release must have version codes.";
      }
      for (JsonNode c : r.path("versionCodes")) {
        if (!c.isTextual() || !bundles.contains(Long.parseLong(c.asText()))) {
          return "Version code " + c + " has not been uploaded.";
        }
      }
      long code = Long.parseLong(r.path("versionCodes").get(0).asText());
      boolean isStaged = status.equals("inProgress") || status.equals("halted");
      if (r.has("userFraction")) {
        double f = r.get("userFraction").asDouble();
        if (!isStaged || f <= 0 || f >= 1) {
          return "Invalid userFraction " + f + " for a release with status " + status + ".";
        }
      } else if (status.equals("inProgress")) {
        return "A release with status inProgress must have a userFraction.";
      }
      if (status.equals("completed")) {
        completed++;
        completedCode = code;
      } else if (isStaged) {
        staged++;
        stagedCode = code;
      }
    }
    if (completed > 1 || staged > 1) {
      return "Too many releases: at most one completed and one staged release per track.";
    }
    if (staged == 1 && completed == 1 && stagedCode <= completedCode) {
      return "Version code " + stagedCode + " is not above the completed " + completedCode + ".";
    }
    return null;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
