package io.rollwright.service.api;

import io.rollwright.api.TrainRequest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Says who is calling the REST API, or refuses the call with 401: a bearer token from {@code
 * rollwright.api.tokens} (compared in constant time), or the identity header set by an mTLS proxy
 * in front when {@code rollwright.api.identity-header} is configured. The identity is what the
 * release's audit timeline records for the caller's actions.
 */
public final class ApiCaller extends OncePerRequestFilter {
  /** The request attribute holding the caller's identity. */
  public static final String IDENTITY = "rollwright.caller";

  private final ApiProperties settings;
  private final String tokensSetting;

  public ApiCaller(ApiProperties settings) {
    this(settings, "rollwright.api.tokens");
  }

  /** {@code tokensSetting}: the setting a refusal tells the caller its token comes from. */
  public ApiCaller(ApiProperties settings, String tokensSetting) {
    this.settings = settings;
    this.tokensSetting = tokensSetting;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<String> caller =
        identify(
            request.getHeader("Authorization"),
            settings.identityHeader() == null
                ? null
                : request.getHeader(settings.identityHeader()));
    if (caller.isEmpty()) {
      response.setStatus(401);
      response.setHeader("WWW-Authenticate", "Bearer realm=\"rollwright\"");
      response.setContentType("application/problem+json");
      response
          .getWriter()
          .write(
              "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,\"detail\":\""
                  + (settings.tokens().isEmpty() && settings.identityHeader() == null
                      ? "this service has no API tokens configured (" + tokensSetting + ")"
                      : "send 'Authorization: Bearer <token>' with a token from " + tokensSetting)
                  + "\",\"instance\":\""
                  + request.getRequestURI().replace("\"", "")
                  + "\"}");
      return;
    }
    request.setAttribute(IDENTITY, caller.get());
    chain.doFilter(request, response);
  }

  /**
   * The caller's identity: the name of the token it sent, else the proxy's header. None when
   * neither names one, or when the name is one trains act under ({@code train:…}).
   */
  Optional<String> identify(String authorization, String proxyIdentity) {
    return known(authorization, proxyIdentity)
        .filter(name -> !name.startsWith(TrainRequest.ID_PREFIX));
  }

  private Optional<String> known(String authorization, String proxyIdentity) {
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      byte[] given = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
      String found = null;
      for (Map.Entry<String, String> token : settings.tokens().entrySet()) {
        if (MessageDigest.isEqual(given, token.getValue().getBytes(StandardCharsets.UTF_8))
            && !token.getValue().isBlank()) {
          found = token.getKey();
        }
      }
      return Optional.ofNullable(found);
    }
    return proxyIdentity == null || proxyIdentity.isBlank()
        ? Optional.empty()
        : Optional.of(proxyIdentity.trim());
  }
}
