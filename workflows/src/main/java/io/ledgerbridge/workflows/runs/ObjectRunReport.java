package io.ledgerbridge.workflows.runs;

import java.time.Instant;

/**
 * One object's outcome within a job run.
 *
 * @param note what else the admin should know, e.g. that the run waited for another run
 */
public record ObjectRunReport(
    String object,
    RunStatus status,
    int read,
    int created,
    int updated,
    int unchanged,
    int deferred,
    int failed,
    String error,
    Instant startedAt,
    Instant finishedAt,
    String note) {

  /** A report without a note. */
  public ObjectRunReport(
      String object,
      RunStatus status,
      int read,
      int created,
      int updated,
      int unchanged,
      int deferred,
      int failed,
      String error,
      Instant startedAt,
      Instant finishedAt) {
    this(object, status, read, created, updated, unchanged, deferred, failed, error, startedAt, finishedAt, null);
  }
}
