package io.ledgerbridge.activities.salesforce;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Salesforce refused a request: the HTTP status and the parsed error array. Carries facts only;
 * {@code io.ledgerbridge.activities.errors.RemoteFailures} decides what they mean for Temporal.
 */
public final class SalesforceException extends RuntimeException {
  private final int httpStatus;
  private final List<SalesforceError> errors;
  private final Duration retryAfter;

  SalesforceException(String operation, int httpStatus, List<SalesforceError> errors, Duration retryAfter) {
    super(
        "Salesforce "
            + operation
            + " failed: HTTP "
            + httpStatus
            + (errors.isEmpty()
                ? ""
                : ": " + errors.stream().map(SalesforceError::toString).collect(Collectors.joining("; "))));
    this.httpStatus = httpStatus;
    this.errors = List.copyOf(errors);
    this.retryAfter = retryAfter;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public List<SalesforceError> errors() {
    return errors;
  }

  /** The first error's code, e.g. {@code INVALID_SESSION_ID}; null when the body held none. */
  public String code() {
    return errors.isEmpty() ? null : errors.get(0).code();
  }

  /** The {@code Retry-After} delay, when the response had one. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
