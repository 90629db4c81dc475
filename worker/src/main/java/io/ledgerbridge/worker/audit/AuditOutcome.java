package io.ledgerbridge.worker.audit;

/** How the API answered an audited request. */
public enum AuditOutcome {
  /** Done (2xx or a redirect). */
  SUCCEEDED,
  /** Refused as asked (4xx): nothing was changed. */
  REFUSED,
  /** The server failed (5xx): part of the change may have happened. */
  FAILED;

  static AuditOutcome of(int httpStatus) {
    return httpStatus >= 500 ? FAILED : httpStatus >= 400 ? REFUSED : SUCCEEDED;
  }
}
