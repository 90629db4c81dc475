package io.ledgerbridge.worker.jobs;

/** Job names are unique, so an admin can tell jobs apart in every list. */
public final class DuplicateJobNameException extends RuntimeException {
  public DuplicateJobNameException(String name) {
    super("a job named '" + name + "' already exists; choose another name or change that job");
  }
}
