package io.ledgerbridge.worker.security;

/** The kinds of credential a request can act with. */
public enum ActorKind {
  BOOTSTRAP_TOKEN("bootstrap token"),
  /** A named API token an admin created; the actor's name is the token's. */
  API_TOKEN("API token"),
  /** A person signed in to the admin page; the actor's name is the person's. */
  PERSON("person"),
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
