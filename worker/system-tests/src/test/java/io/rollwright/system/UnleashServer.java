package io.rollwright.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A real Unleash server (npm package {@code unleash-server}, installed by {@code
 * deploy/local/unleash/install.sh}) on a free loopback port, on a real PostgreSQL server of its
 * own, with an admin API token made at start; ready once {@code /health} answers, and both stopped
 * by their own PIDs.
 */
public final class UnleashServer implements AutoCloseable {
  static final String INSTALL_SCRIPT = "deploy/local/unleash/install.sh";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PostgresServer postgres;
  private final Process process;
  private final String url;
  private final String token;
  private final HttpClient http = HttpClient.newHttpClient();

  private UnleashServer(PostgresServer postgres, Process process, String url, String token) {
    this.postgres = postgres;
    this.process = process;
    this.url = url;
    this.token = token;
  }

  /** Installs (once per machine) and starts Unleash and its database, logs in {@code dir}. */
  public static UnleashServer start(Path dir) throws Exception {
    String node = LocalServer.binary("apt-get install nodejs npm", "node");
    Files.createDirectories(dir);
    Path installed =
        Repo.runScript(INSTALL_SCRIPT, dir.resolve("install.log"), "Node.js 20 or later");
    PostgresServer postgres = PostgresServer.start(dir.resolve("postgres"));
    try {
      int port = TemporalDevServer.freePort();
      String token = "*:*." + UUID.randomUUID().toString().replace("-", "");
      ProcessBuilder unleash =
          new ProcessBuilder(
              node,
              "-e",
              "require(require.resolve('unleash-server', {paths: [process.argv[1]]})).start()",
              installed.toString());
      unleash.environment().put("DATABASE_URL", postgres.url());
      unleash.environment().put("DATABASE_SSL", "false");
      unleash.environment().put("HTTP_HOST", "127.0.0.1");
      unleash.environment().put("HTTP_PORT", String.valueOf(port));
      unleash.environment().put("INIT_ADMIN_API_TOKENS", token);
      unleash.environment().put("LOG_LEVEL", "warn");
      String url = "http://127.0.0.1:" + port;
      Process process =
          LocalServer.startReady(
              unleash, dir.resolve("unleash.log"), url + "/health", Duration.ofMinutes(2));
      return new UnleashServer(postgres, process, url, token);
    } catch (Exception e) {
      postgres.close();
      throw e;
    }
  }

  /** The server's base URL. */
  public String url() {
    return url;
  }

  /** The admin API token made at start. */
  public String token() {
    return token;
  }

  /** Creates a release flag in the {@code default} project. */
  public void createFlag(String name) throws Exception {
    call(
        "POST",
        "/api/admin/projects/default/features",
        "{\"name\":\"" + name + "\",\"type\":\"release\"}");
  }

  /**
   * The flag's audit log, oldest first: {@code type environment rollout by}, the rollout for
   * strategy events only.
   */
  public List<String> events(String flag) throws Exception {
    JsonNode events = call("GET", "/api/admin/events", null).path("events");
    List<String> out = new ArrayList<>();
    for (JsonNode e : events) {
      if (!flag.equals(e.path("featureName").asText())) {
        continue;
      }
      JsonNode rollout = e.path("data").path("parameters").path("rollout");
      out.add(
          0,
          e.path("type").asText()
              + " "
              + e.path("environment").asText()
              + (rollout.isMissingNode() ? "" : " " + rollout.asText())
              + " by "
              + e.path("createdBy").asText());
    }
    return out;
  }

  private JsonNode call(String method, String path, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", token);
    if (body != null) {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IOException(
          method + " " + path + ": " + response.statusCode() + " " + response.body());
    }
    return JSON.readTree(response.body());
  }

  @Override
  public void close() throws Exception {
    try {
      LocalServer.stop(process);
    } finally {
      postgres.close();
    }
  }
}
