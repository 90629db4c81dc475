package io.ledgerbridge.worker.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerbridge.worker.security.InternalErrorMessages;
import io.ledgerbridge.worker.security.SecurityHeaders;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat's error report, for what it refuses before Spring MVC sees a request — a request target that is not
 * valid (an encoded NUL or slash, a bad percent-encoding, a character RFC 3986 does not allow), a method that is
 * no token, a missing Host header — written as every API error is: an {@link ApiError} as JSON, with
 * the security headers, instead of the container's HTML page. TRACE, which Tomcat itself would answer with an
 * empty 405, is refused here too (the connector lets it through to this valve), so it never reaches a servlet
 * that would echo the request and its credentials.
 */
final class JsonErrorReportValve extends ErrorReportValve {
  /** What the endpoints answer at all; TRACE and CONNECT are none of them. */
  private static final String ALLOWED_METHODS = "GET, HEAD, POST, PUT, DELETE, OPTIONS";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public void invoke(Request request, Response response) throws IOException, ServletException {
    if ("TRACE".equalsIgnoreCase(request.getMethod())) {
      response.setHeader("Allow", ALLOWED_METHODS);
      response.sendError(405, "TRACE is not allowed; the API answers " + ALLOWED_METHODS);
      // sendError suspends the response, as the application's answer is over; the report still writes.
      response.setSuspended(false);
      report(request, response, null);
      return;
    }
    super.invoke(request, response);
  }

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    // As Tomcat's own report: only an error nobody has answered yet, on a connection that can still be written.
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    AtomicBoolean ioAllowed = new AtomicBoolean(true);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return;
    }
    try {
      SecurityHeaders.apply(response);
      response.setContentType("application/json");
      response.setCharacterEncoding("UTF-8");
      PrintWriter writer = response.getReporter();
      if (writer != null) {
        writer.write(JSON.writeValueAsString(ApiError.of(status, message(status, response.getMessage()))));
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException connectionGone) {
      // The client has gone or the answer was started elsewhere: nothing left to tell anyone.
    }
  }

  /**
   * Tomcat's reason when it gave one ("Invalid URI: [The encoded slash character is not allowed]"), else what the
   * status means for a request; never an exception's text, which stays in the log.
   */
  private static String message(int status, String containerReason) {
    if (status >= 500) {
      return InternalErrorMessages.INTERNAL_ERROR;
    }
    if (containerReason != null && !containerReason.isBlank()) {
      return containerReason;
    }
    return switch (status) {
      case 400 -> "the request is not valid HTTP: check the method, the path and query (percent-encoded as RFC 3986"
          + " says, with no encoded slash or NUL) and the headers (Host is required)";
      case 404 -> "no endpoint at this path; the README's API tables list them";
      case 408 -> "the request did not arrive in time";
      case 413 -> "the request is too large";
      case 414 -> "the request target is too long";
      case 431 -> "the request's headers are too large";
      default -> "the request was refused (HTTP " + status + ")";
    };
  }
}
