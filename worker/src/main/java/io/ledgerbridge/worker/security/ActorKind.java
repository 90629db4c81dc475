package io.ledgerbridge.worker.security;

/** The kinds of credential a request can act with; per-person accounts and named API tokens will join them. */
public enum ActorKind {
  BOOTSTRAP_TOKEN("bootstrap token"),
  METRICS_TOKEN("metrics token"),
  /** LedgerBridge acting on its own, e.g. connecting the demo company at start. */
  SYSTEM("LedgerBridge itself");

  private final String description;

  ActorKind(String description) {
    this.description = description;
  }

  String description() {
    return description;
  }
}
