package io.ledgerbridge.worker.cli;

import static io.ledgerbridge.worker.cli.Formats.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;

/**
 * {@code ledgerbridge reconcile}: starts a reconciliation of a company and, with {@code --wait},
 * prints its findings per object. Its exit status tells a script whether the systems agree.
 */
final class ReconcileCommand {
  /** The exit status when the systems disagree on some records: not a failure of the command. */
  static final int DIFFERENCES_FOUND = 3;
  private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
  /** A reconciliation that has not recorded its start by then is not being picked up by any worker. */
  private static final Duration START_LIMIT = Duration.ofMinutes(2);

  private final Session session;

  ReconcileCommand(Session session) {
    this.session = session;
  }

  int run(Arguments arguments) {
    // validate() has already refused --timeout without --wait.
    Duration timeout = arguments.value(Option.TIMEOUT).map(given -> JobsCommands.seconds(given, Command.RECONCILE))
        .orElse(null);
    ObjectNode body = new ObjectMapper().createObjectNode();
    arguments.value(Option.COMPANY).map(String::trim).filter(id -> !id.isEmpty()).ifPresent(id -> body.put("companyId", id));
    arguments.value(Option.OBJECT).map(String::trim).ifPresent(object -> body.putArray("objects").add(object));
    body.put("repair", arguments.has(Option.REPAIR));
    JsonNode started = session.api().post("/api/reconciliations", body);
    String id = text(started, "id");
    String what = "reconciliation " + id + " of company " + text(started, "companyId") + " ("
        + String.join(", ", Formats.texts(started, "objects")) + (arguments.has(Option.REPAIR) ? ", repairing" : "") + ")";
    if (!arguments.has(Option.WAIT)) {
      session.print(started, "Started " + what + ".\nIts findings: GET /api/reconciliations/" + id
          + ", or 'ledgerbridge reconcile --wait' next time.\n");
      return 0;
    }
    if (!session.json()) {
      session.out().println("Started " + what + "; waiting for it to end.");
      session.out().flush();
    }
    JsonNode reconciliation = await(id, timeout);
    session.print(reconciliation, "\n" + ReconcileViews.report(reconciliation));
    if ("FAILED".equals(text(reconciliation, "status"))) {
      throw CliException.failed("reconciliation " + id + " FAILED: " + ReconcileViews.failures(reconciliation));
    }
    return Formats.count(reconciliation, "differences") > 0 ? DIFFERENCES_FOUND : 0;
  }

  /** The ended reconciliation; it is 404 until its workflow has recorded its start. */
  private JsonNode await(String id, Duration timeout) {
    long start = System.nanoTime();
    while (true) {
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      JsonNode reconciliation = fetch(id);
      if (reconciliation != null && !"RUNNING".equals(text(reconciliation, "status"))) {
        return reconciliation;
      }
      if (reconciliation == null && elapsed.compareTo(START_LIMIT) > 0) {
        throw CliException.failed("reconciliation " + id + " has not recorded its start after "
            + Formats.duration(START_LIMIT) + "; is a LedgerBridge worker polling Temporal's task queue?");
      }
      if (timeout != null && elapsed.compareTo(timeout) > 0) {
        throw CliException.failed("reconciliation " + id + " is still running after " + Formats.duration(timeout)
            + "; it goes on: GET /api/reconciliations/" + id + " shows its findings once it ends");
      }
      try {
        Thread.sleep(POLL_INTERVAL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw CliException.failed("interrupted while waiting for the reconciliation");
      }
    }
  }

  private JsonNode fetch(String id) {
    try {
      return session.api().get("/api/reconciliations/" + ApiClient.segment(id));
    } catch (ApiException e) {
      if (e.status() == 404) {
        return null;
      }
      throw e;
    }
  }
}
