package io.ledgerbridge.activities.store;

import java.time.Instant;

/** Told when a connected account comes to need an admin to connect it again: the alert webhook listens. */
public interface ConnectionListener {
  /** Hears nothing: for stores nobody needs to be alerted by. */
  ConnectionListener NONE = (system, accountId, reason, since) -> {};

  /** Called once per refusal, by the one writer that marked the account. */
  void needsReauthorization(ConnectedSystem system, String accountId, String reason, Instant since);
}
