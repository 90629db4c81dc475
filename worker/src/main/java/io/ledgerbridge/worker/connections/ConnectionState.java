package io.ledgerbridge.worker.connections;

/** Whether LedgerBridge can call a connected system for an account. */
public enum ConnectionState {
  /** Calls can be made. */
  CONNECTED,
  /** The provider refused the credentials, or their time ran out: an admin must connect the account again. */
  NEEDS_REAUTHORIZATION,
  /** No credentials are held: disconnected, or never connected, yet a job or an earlier call names the account. */
  NOT_CONNECTED
}
