package io.ledgerbridge.worker.access;

/** A caller whose role does not allow the route: answered 403 with this message. */
public class RoleRefusedException extends RuntimeException {
  public RoleRefusedException(String message) {
    super(message);
  }
}
