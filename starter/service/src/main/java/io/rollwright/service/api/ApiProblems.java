package io.rollwright.service.api;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.rollwright.client.ReleaseInProgressException;
import io.rollwright.client.ReleaseNotFoundException;
import io.rollwright.client.TrainNotFoundException;
import io.rollwright.policy.InvalidReleaseException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;

/**
 * Every error of the REST API as an RFC 9457 problem: 400 naming each bad field ({@code errors}:
 * field and message), 413 for a body over the limit, 404 for an unknown release, 409 for a release
 * already in progress or a refused control, 403 for a control the caller's role does not allow, 503
 * when Temporal cannot be reached.
 */
@RestControllerAdvice
public class ApiProblems {
  private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

  @ExceptionHandler(InvalidReleaseException.class)
  ProblemDetail invalid(InvalidReleaseException e) {
    ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "Invalid release request", e.getMessage());
    List<Map<String, String>> errors =
        e.violations().stream().map(v -> Map.of("field", v.field(), "message", v.rule())).toList();
    p.setProperty("errors", errors);
    return p;
  }

  /**
   * A body Spring could not read: over the size limit while streamed (413), else not JSON the
   * endpoint takes (400).
   */
  @ExceptionHandler(HttpMessageNotReadableException.class)
  ProblemDetail unreadable(HttpMessageNotReadableException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BodyLimit.TooLarge tooLarge) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "Content Too Large", tooLarge.getMessage());
      }
    }
    return problem(
        HttpStatus.BAD_REQUEST,
        "Bad request",
        "body: cannot be read (" + e.getMostSpecificCause().getMessage() + ")");
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ProblemDetail badArgument(IllegalArgumentException e) {
    return problem(HttpStatus.BAD_REQUEST, "Bad request", e.getMessage());
  }

  @ExceptionHandler(ResponseStatusException.class)
  ProblemDetail status(ResponseStatusException e) {
    HttpStatus status = HttpStatus.valueOf(e.getStatusCode().value());
    return problem(status, status.getReasonPhrase(), e.getReason());
  }

  @ExceptionHandler(ReleaseNotFoundException.class)
  ProblemDetail notFound(ReleaseNotFoundException e) {
    return problem(
        HttpStatus.NOT_FOUND,
        e instanceof TrainNotFoundException ? "Unknown train" : "Unknown release",
        e.getMessage());
  }

  @ExceptionHandler(ReleaseInProgressException.class)
  ProblemDetail inProgress(ReleaseInProgressException e) {
    return problem(HttpStatus.CONFLICT, "Release in progress", e.getMessage());
  }

  @ExceptionHandler(ControlRefusedException.class)
  ProblemDetail refused(ControlRefusedException e) {
    return e.forbidden()
        ? problem(HttpStatus.FORBIDDEN, "Forbidden by the release's roles", e.getMessage())
        : problem(HttpStatus.CONFLICT, "Refused by the release", e.getMessage());
  }

  @ExceptionHandler(StatusRuntimeException.class)
  ProblemDetail temporal(StatusRuntimeException e) {
    Status.Code code = e.getStatus().getCode();
    if (code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED) {
      log.warn("Temporal unavailable: {}", e.getMessage());
      return problem(
          HttpStatus.SERVICE_UNAVAILABLE,
          "Temporal unavailable",
          "Temporal cannot be reached right now (" + code + "); nothing was done");
    }
    throw e;
  }

  private static ProblemDetail problem(HttpStatus status, String title, String detail) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
    p.setTitle(title);
    return p;
  }
}
