package io.ledgerbridge.worker.temporal.visibility;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Comparator;

/**
 * Where the next page of a list starts: after the last run of the page in the list's order (start
 * time, then run id). Runs that start between two pages never shift the next page, as an offset
 * would; with newest first they sort before the token and are left out, as on a real server.
 */
record PageToken(Instant startTime, String runId) {

  private static final String VERSION = "lb1";

  /** Start time, then run id, so runs that start in the same instant keep one order. */
  static final Comparator<ExecutionRecord> OLDEST_FIRST =
      Comparator.comparing(ExecutionRecord::startTime).thenComparing(ExecutionRecord::runId);

  static PageToken after(ExecutionRecord run) {
    return new PageToken(run.startTime(), run.runId());
  }

  /** Whether the run comes after this token in a list ordered oldest or newest first. */
  boolean precedes(ExecutionRecord run, boolean oldestFirst) {
    int order = run.startTime().compareTo(startTime);
    if (order == 0) {
      order = run.runId().compareTo(runId);
    }
    return oldestFirst ? order > 0 : order < 0;
  }

  ByteString encode() {
    return ByteString.copyFromUtf8(
        VERSION + "|" + startTime.getEpochSecond() + "|" + startTime.getNano() + "|" + runId);
  }

  /**
   * @throws UnsupportedQueryException for a token this server did not give
   */
  static PageToken decode(ByteString token) {
    String[] parts = token.toString(StandardCharsets.UTF_8).split("\\|", 4);
    try {
      if (parts.length == 4 && parts[0].equals(VERSION)) {
        return new PageToken(
            Instant.ofEpochSecond(Long.parseLong(parts[1]), Long.parseLong(parts[2])), parts[3]);
      }
    } catch (NumberFormatException | DateTimeException notOurs) {
      // refused below
    }
    throw new UnsupportedQueryException(
        "next_page_token is not one the embedded Temporal gave; send the token of the previous page or none");
  }
}
