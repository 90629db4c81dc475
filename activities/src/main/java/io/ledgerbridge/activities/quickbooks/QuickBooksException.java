package io.ledgerbridge.activities.quickbooks;

import java.time.Duration;

/**
 * QuickBooks Online refused a request: the parsed {@code Fault} (first error) with the HTTP status
 * and {@code intuit_tid}, which Intuit support asks for. Carries facts only; {@code
 * io.ledgerbridge.activities.errors.RemoteFailures} decides what they mean for Temporal.
 */
public final class QuickBooksException extends RuntimeException {
  private final int httpStatus;
  private final String faultType;
  private final String code;
  private final String faultMessage;
  private final String detail;
  private final String element;
  private final String intuitTid;
  private final Duration retryAfter;

  QuickBooksException(
      String operation,
      int httpStatus,
      String faultType,
      String code,
      String faultMessage,
      String detail,
      String element,
      String intuitTid,
      Duration retryAfter) {
    super(describe(operation, httpStatus, faultType, code, faultMessage, detail, intuitTid));
    this.httpStatus = httpStatus;
    this.faultType = faultType;
    this.code = code;
    this.faultMessage = faultMessage;
    this.detail = detail;
    this.element = element;
    this.intuitTid = intuitTid;
    this.retryAfter = retryAfter;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** {@code ValidationFault}, {@code AuthenticationFault}, {@code SystemFault}, {@code SERVICE}, ...; may be null. */
  public String faultType() {
    return faultType;
  }

  /** The fault code, e.g. {@code 6240}, {@code 3001}; null when the body held no fault. */
  public String code() {
    return code;
  }

  /** The fault's {@code Message}. */
  public String faultMessage() {
    return faultMessage;
  }

  /** The fault's {@code Detail}, with any token text masked. */
  public String detail() {
    return detail;
  }

  /** The fault's {@code element}: the field at fault, when Intuit names one. */
  public String element() {
    return element;
  }

  /** The {@code intuit_tid} response header: Intuit's id of this request. */
  public String intuitTid() {
    return intuitTid;
  }

  /** The {@code Retry-After} delay, when the response had one. */
  public Duration retryAfter() {
    return retryAfter;
  }

  private static String describe(
      String operation,
      int httpStatus,
      String faultType,
      String code,
      String faultMessage,
      String detail,
      String intuitTid) {
    StringBuilder text = new StringBuilder("QuickBooks ").append(operation).append(" failed: HTTP ").append(httpStatus);
    if (code != null) {
      text.append(", fault ").append(code);
    }
    if (faultType != null) {
      text.append(" (").append(faultType).append(")");
    }
    if (faultMessage != null && !faultMessage.isBlank()) {
      text.append(": ").append(faultMessage);
    }
    if (detail != null && !detail.isBlank() && !detail.equals(faultMessage)) {
      text.append(" - ").append(detail);
    }
    if (intuitTid != null) {
      text.append(" [intuit_tid=").append(intuitTid).append("]");
    }
    return text.toString();
  }
}
