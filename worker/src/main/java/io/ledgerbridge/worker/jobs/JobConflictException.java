package io.ledgerbridge.worker.jobs;

/** The request is valid, but the job's current state does not allow it. */
public final class JobConflictException extends RuntimeException {
  public JobConflictException(String message) {
    super(message);
  }
}
