package io.rollwright.standins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * A Google service account as the stand-ins of Google APIs see it: Google's token endpoint signs it
 * in by its JWT (checking the RSA signature, the issuer, Google's token audience and the API's
 * scope) and hands out bearer tokens, which {@link #signedIn} checks on each call. Also the error
 * and body shapes those APIs share.
 */
public final class GoogleAccountStandIn {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern DOT = Pattern.compile("\\.");

  private final KeyPair key;
  private final String scope;
  private final String email = "rollwright@rollwright-test.iam.gserviceaccount.com";
  private final Set<String> tokens = ConcurrentHashMap.newKeySet();

  /** An account whose tokens carry {@code scope} (a part of it, {@code auth/androidpublisher}). */
  public GoogleAccountStandIn(String scope) throws NoSuchAlgorithmException {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    this.key = rsa.generateKeyPair();
    this.scope = scope;
  }

  /**
   * Starts a server on a free loopback port that serves Google's token endpoint at {@code /token}
   * and {@code api} under {@code prefix}, answering 500 when {@code api} fails.
   */
  public HttpServer serve(String prefix, HttpHandler api) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/token", this::token);
    server.createContext(
        prefix,
        ex -> {
          try {
            api.handle(ex);
          } catch (RuntimeException e) {
            error(ex, 500, "stand-in failed: " + e, "INTERNAL");
          }
        });
    server.start();
    return server;
  }

  /** Writes the account's JSON key, signing in at {@code rootUrl}, into {@code file}. */
  public Path credentials(Path file, String rootUrl) throws IOException {
    String pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    ObjectNode json =
        JSON.createObjectNode()
            .put("type", "service_account")
            .put("project_id", "rollwright-test")
            .put("private_key_id", "k1")
            .put("private_key", pem)
            .put("client_email", email)
            .put("client_id", "1")
            .put("token_uri", rootUrl + "token");
    Files.writeString(file, json.toString());
    return file;
  }

  /** Whether the call carries a token this account was given; answers 401 if not. */
  public boolean signedIn(HttpExchange ex) throws IOException {
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    if (auth == null || !auth.startsWith("Bearer ") || !tokens.contains(auth.substring(7))) {
      error(ex, 401, "Request is missing valid authentication credential.", "UNAUTHENTICATED");
      return false;
    }
    return true;
  }

  private void token(HttpExchange ex) throws IOException {
    Map<String, String> form = HttpForms.parse(new String(body(ex), StandardCharsets.UTF_8));
    String[] jwt = DOT.split(form.getOrDefault("assertion", ""), -1);
    if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type"))
        || jwt.length != 3) {
      send(ex, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"bad request\"}");
      return;
    }
    JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(jwt[1]));
    boolean valid;
    try {
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initVerify(key.getPublic());
      rs256.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
      valid = rs256.verify(Base64.getUrlDecoder().decode(jwt[2]));
    } catch (GeneralSecurityException e) {
      valid = false;
    }
    if (!valid
        || !email.equals(claims.path("iss").asText())
        || !"https://oauth2.googleapis.com/token".equals(claims.path("aud").asText())
        || !claims.path("scope").asText().contains(scope)) {
      send(ex, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT\"}");
      return;
    }
    String token = "ya29." + UUID.randomUUID();
    tokens.add(token);
    send(
        ex,
        200,
        "{\"access_token\":\"" + token + "\",\"expires_in\":3600,\"token_type\":\"Bearer\"}");
  }

  /** The request's body, gzipped or not (Google accepts both; its Java clients gzip). */
  public static byte[] body(HttpExchange ex) throws IOException {
    byte[] raw = ex.getRequestBody().readAllBytes();
    return "gzip".equals(ex.getRequestHeaders().getFirst("Content-Encoding"))
        ? new GZIPInputStream(new ByteArrayInputStream(raw)).readAllBytes()
        : raw;
  }

  /** Google's error answer. */
  public static void error(HttpExchange ex, int code, String message, String status)
      throws IOException {
    ObjectNode error = JSON.createObjectNode();
    error.putObject("error").put("code", code).put("message", message).put("status", status);
    send(ex, code, error.toString());
  }

  /** A JSON answer. */
  public static void send(HttpExchange ex, int code, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
    ex.sendResponseHeaders(code, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }
}
