package io.ledgerbridge.worker.audit;

/** Each change the API makes, named for what it does; the kind of thing it acts on prefixes the target. */
public enum AuditAction {
  JOB_CREATED("job"),
  JOB_CHANGED("job"),
  JOB_PAUSED("job"),
  JOB_RESUMED("job"),
  JOB_RUN("job"),
  JOB_DELETED("job"),
  ERROR_RETRIED("error"),
  ERROR_DISMISSED("error"),
  ERRORS_RETRIED("errors"),
  ERRORS_DISMISSED("errors"),
  /** The connect link was asked for; the company is known only once Intuit calls back. */
  CONNECTION_AUTHORIZATION_STARTED("company"),
  CONNECTION_ADDED("company"),
  /** A company disconnected: its tokens revoked at the provider and forgotten (details: whether the provider revoked one). */
  CONNECTION_REMOVED("company"),
  /** The Salesforce connect link was asked for (web-server flow); the target is the org's login host. */
  SALESFORCE_AUTHORIZATION_STARTED("org"),
  /** Salesforce's callback connecting the org: its refresh token stored, recorded for whoever asked for the link. */
  SALESFORCE_CONNECTED("org"),
  /** The org disconnected: its refresh token revoked at Salesforce and forgotten (details: whether Salesforce revoked one). */
  SALESFORCE_DISCONNECTED("org"),
  RECONCILIATION_STARTED("company"),
  TOKEN_CREATED("token"),
  TOKEN_REVOKED("token"),
  PERSON_ADDED("person"),
  /** A person's role, name or password changed by an admin (details: which, never the password). */
  PERSON_CHANGED("person"),
  PERSON_DISABLED("person"),
  SIGNED_IN("person"),
  SIGNED_OUT("person");

  private final String targetKind;

  AuditAction(String targetKind) {
    this.targetKind = targetKind;
  }

  /** The target as stored and shown, e.g. "job hourly-customers"; null when the change has no target yet. */
  String target(String targetId) {
    return targetId == null || targetId.isBlank() ? null : targetKind + " " + targetId;
  }
}
