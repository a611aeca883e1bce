package io.rollwright.service.api;

import io.rollwright.policy.Limits;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a REST body over {@link Limits#BODY_BYTES} with 413 before anything reads it: at once
 * when its {@code Content-Length} says so, and otherwise (a chunked body) as soon as the reader
 * passes the limit ({@link TooLarge}, which {@link ApiProblems} answers with 413).
 */
public final class BodyLimit extends OncePerRequestFilter {
  private final int maxBytes;

  public BodyLimit(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long declared = request.getContentLengthLong();
    if (declared > maxBytes) {
      response.setStatus(413);
      response.setContentType("application/problem+json");
      response
          .getWriter()
          .write(
              "{\"type\":\"about:blank\",\"title\":\"Content Too Large\",\"status\":413,\"detail\":\""
                  + message(declared + " bytes")
                  + "\",\"instance\":\""
                  + request.getRequestURI().replace("\"", "")
                  + "\"}");
      return;
    }
    chain.doFilter(new Capped(request), response);
  }

  private String message(String size) {
    return "body: " + size + ", at most " + maxBytes;
  }

  /** A body that went over the limit while it was read. */
  public static final class TooLarge extends IOException {
    TooLarge(String message) {
      super(message);
    }
  }

  /** The request with its body stream cut at the limit. */
  private final class Capped extends HttpServletRequestWrapper {
    private ServletInputStream capped;

    Capped(HttpServletRequest request) {
      super(request);
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (capped == null) {
        ServletInputStream in = super.getInputStream();
        capped =
            new ServletInputStream() {
              private long read;

              @Override
              public int read() throws IOException {
                int b = in.read();
                if (b >= 0 && ++read > maxBytes) {
                  throw new TooLarge(message(read + " bytes or more"));
                }
                return b;
              }

              @Override
              public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = in.read(buffer, offset, length);
                if (n > 0 && (read += n) > maxBytes) {
                  throw new TooLarge(message(read + " bytes or more"));
                }
                return n;
              }

              @Override
              public boolean isFinished() {
                return in.isFinished();
              }

              @Override
              public boolean isReady() {
                return in.isReady();
              }

              @Override
              public void setReadListener(ReadListener listener) {
                in.setReadListener(listener);
              }
            };
      }
      return capped;
    }

    @Override
    public BufferedReader getReader() throws IOException {
      return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }
  }
}
