package io.ledgerbridge.workflows.runs;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.ledgerbridge.workflows.sync.RecordCounts;
import java.time.Instant;

/**
 * One object's outcome within a job run.
 *
 * @param note what else the admin should know, e.g. that the run waited for another run
 */
public record ObjectRunReport(
    String object,
    RunStatus status,
    @JsonUnwrapped RecordCounts counts,
    String error,
    Instant startedAt,
    Instant finishedAt,
    String note) {

  /** This report with a note. */
  public ObjectRunReport withNote(String note) {
    return new ObjectRunReport(object, status, counts, error, startedAt, finishedAt, note);
  }
}
