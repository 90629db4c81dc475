package io.ledgerbridge.worker.jobs;

/** No job has the id asked for. */
public final class JobNotFoundException extends RuntimeException {
  public JobNotFoundException(String id) {
    super("no job with id '" + id + "'; GET /api/jobs lists them");
  }
}
