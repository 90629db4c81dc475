package io.ledgerbridge.worker.temporal.visibility;

/**
 * A list query the embedded Temporal cannot answer exactly: a syntax error, or a field, operator or
 * clause it does not evaluate. Served as INVALID_ARGUMENT with this message, so a client gets a
 * refusal naming the part instead of a list that silently ignores it.
 */
public final class UnsupportedQueryException extends IllegalArgumentException {
  UnsupportedQueryException(String message) {
    super(message);
  }
}
