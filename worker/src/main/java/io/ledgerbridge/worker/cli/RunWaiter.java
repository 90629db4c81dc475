package io.ledgerbridge.worker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * Follows a run through {@code GET /api/runs/{runId}} until it is no longer RUNNING. The report
 * is 404 until the run has recorded its start, which is waited for too, within a bound.
 */
final class RunWaiter {
  static final Duration POLL_INTERVAL = Duration.ofMillis(500);
  /** A run that has not recorded its start by then is not being picked up by any worker. */
  static final Duration START_LIMIT = Duration.ofMinutes(2);

  private final Session session;

  RunWaiter(Session session) {
    this.session = session;
  }

  /** The finished run's report; on timeout (null: none) a failure saying how to follow it. */
  JsonNode await(String runId, Duration timeout) {
    ProgressLine progress = session.stderrIsTerminal() ? new ProgressLine(session.err(), session.columns()) : null;
    Thread interrupted = new Thread(() -> {
      if (progress != null) {
        progress.clear();
      }
      session.err().println(
          "ledgerbridge: stopped waiting; run " + runId + " goes on: follow it with 'ledgerbridge runs show " + runId + "'");
      session.err().flush();
    });
    // Ctrl-C ends the wait, not the run: say so, and leave no half-drawn line behind.
    Runtime.getRuntime().addShutdownHook(interrupted);
    long start = System.nanoTime();
    try {
      while (true) {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        JsonNode report = fetch(runId);
        if (report != null && !"RUNNING".equals(Formats.text(report, "status"))) {
          return report;
        }
        if (report == null && elapsed.compareTo(START_LIMIT) > 0) {
          throw CliException.failed(
              "run " + runId + " has not recorded its start after " + Formats.duration(START_LIMIT)
                  + "; is a LedgerBridge worker polling Temporal's task queue?");
        }
        if (timeout != null && elapsed.compareTo(timeout) > 0) {
          throw CliException.failed(
              "run " + runId + " is still " + (report == null ? "starting" : "RUNNING") + " after "
                  + Formats.duration(timeout) + "; it goes on: follow it with 'ledgerbridge runs show " + runId + "'");
        }
        if (progress != null) {
          progress.draw(ProgressLine.render(runId, report, elapsed));
        }
        sleep();
      }
    } finally {
      if (progress != null) {
        progress.clear();
      }
      try {
        Runtime.getRuntime().removeShutdownHook(interrupted);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or about to: it says what happened
      }
    }
  }

  private JsonNode fetch(String runId) {
    try {
      return session.api().get("/api/runs/" + ApiClient.segment(runId));
    } catch (ApiException e) {
      if (e.status() == 404) {
        return null;
      }
      throw e;
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL_INTERVAL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliException.failed("interrupted while waiting for the run");
    }
  }
}
