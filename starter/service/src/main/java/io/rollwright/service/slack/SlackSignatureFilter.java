package io.rollwright.service.slack;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets through to the Slack endpoint only the requests {@link SlackRequestGuard} verifies; anything
 * else is answered with its status and one line, and logged. The body is read once, here, and
 * handed on unchanged.
 */
public final class SlackSignatureFilter extends OncePerRequestFilter {
  private static final Logger log = LoggerFactory.getLogger(SlackSignatureFilter.class);
  static final int MAX_BODY = 1 << 20;

  private final SlackRequestGuard guard;
  private final LongSupplier clock;

  public SlackSignatureFilter(SlackRequestGuard guard, LongSupplier clock) {
    this.guard = guard;
    this.clock = clock;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
    SlackRequestGuard.Verdict verdict =
        body.length > MAX_BODY
            ? new SlackRequestGuard.Verdict(false, 413, "body larger than " + MAX_BODY + " bytes")
            : guard.check(
                request.getHeader("X-Slack-Request-Timestamp"),
                request.getHeader("X-Slack-Signature"),
                body,
                clock.getAsLong());
    if (!verdict.passed()) {
      log.warn(
          "refused a request to the Slack endpoint from {}: {}",
          request.getRemoteAddr(),
          verdict.reason());
      response.setStatus(verdict.status());
      response.setContentType("text/plain;charset=UTF-8");
      response.getWriter().println(verdict.reason());
      return;
    }
    chain.doFilter(new VerifiedBody(request, body), response);
  }

  /** The request with its already-read body served again. */
  private static final class VerifiedBody extends HttpServletRequestWrapper {
    private final byte[] body;

    VerifiedBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] into, int offset, int length) {
          return in.read(into, offset, length);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("the verified body is read synchronously");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }
  }
}
