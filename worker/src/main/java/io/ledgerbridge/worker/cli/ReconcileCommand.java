package io.ledgerbridge.worker.cli;

import static io.ledgerbridge.worker.cli.Formats.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ledgerbridge reconcile}: starts a reconciliation of a company and, with {@code --wait},
 * prints its findings per object. Its exit status tells a script whether the systems agree.
 */
@Command(
    name = "reconcile",
    customSynopsis = {
      "ledgerbridge reconcile [--company REALM_ID] [--object NAME] [--repair]",
      "                       [--wait [--timeout SECONDS]] [--json]"
    },
    description = {
      "compare a company's records in QuickBooks and Salesforce",
      "Compares a company's records in QuickBooks and Salesforce, object by object, in bulk reads, with the record"
          + " links between them: LINKED and EQUAL, linked but DIFFERENT (which fields), ONLY IN QUICKBOOKS, ONLY IN"
          + " SALESFORCE, DANGLING links to records that no longer exist, and OPEN ERRORS (not in step, but listed"
          + " already in 'errors list'). Only what the company's active jobs sync, in their directions, is compared."
          + " Prints the reconciliation's id."
    },
    exitCodeListHeading = "%nExit status with --wait (without it: 0 once started):%n",
    exitCodeList = {
      "0:nothing differs",
      "3:some records differ",
      "1:an object could not be compared, or the API refused the request (409 while another reconciliation of the"
          + " company runs)"
    })
final class ReconcileCommand implements Callable<Integer> {
  /** The exit status when the systems disagree on some records: not a failure of the command. */
  static final int DIFFERENCES_FOUND = 3;
  private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
  /** A reconciliation that has not recorded its start by then is not being picked up by any worker. */
  private static final Duration START_LIMIT = Duration.ofMinutes(2);

  @ParentCommand LedgerBridgeCli cli;

  @Option(
      names = "--company",
      paramLabel = "REALM_ID",
      description = "the company; may be left out while exactly one is connected")
  String company;

  @Option(
      names = "--object",
      paramLabel = "NAME",
      descriptionKey = CatalogHelp.OBJECT,
      completionCandidates = CatalogHelp.ObjectNames.class)
  String object;

  @Option(
      names = "--repair",
      description = "hand what differs to the per-record sync, to be synced again the way the company's jobs sync it;"
          + " the next reconciliation shows the result")
  boolean repair;

  @Mixin WaitOptions waiting;

  @Override
  public Integer call() {
    waiting.requireWaitForTimeout();
    Duration timeout = waiting.timeout;
    ObjectNode body = new ObjectMapper().createObjectNode();
    Optional.ofNullable(company).map(String::trim).filter(id -> !id.isEmpty()).ifPresent(id -> body.put("companyId", id));
    Optional.ofNullable(object).map(String::trim).ifPresent(name -> body.putArray("objects").add(name));
    body.put("repair", repair);
    Session session = cli.session();
    JsonNode started = session.api().post("/api/reconciliations", body);
    String id = text(started, "id");
    String what = "reconciliation " + id + " of company " + text(started, "companyId") + " ("
        + String.join(", ", Formats.texts(started, "objects")) + (repair ? ", repairing" : "") + ")";
    if (!waiting.wait) {
      session.print(started, "Started " + what + ".\nIts findings: GET /api/reconciliations/" + id
          + ", or 'ledgerbridge reconcile --wait' next time.\n");
      return 0;
    }
    if (!session.json()) {
      session.out().println("Started " + what + "; waiting for it to end.");
      session.out().flush();
    }
    JsonNode reconciliation = await(session, id, timeout);
    session.print(reconciliation, "\n" + ReconcileViews.report(reconciliation));
    if ("FAILED".equals(text(reconciliation, "status"))) {
      throw CliException.failed("reconciliation " + id + " FAILED: " + ReconcileViews.failures(reconciliation));
    }
    return Formats.count(reconciliation, "differences") > 0 ? DIFFERENCES_FOUND : 0;
  }

  /** The ended reconciliation; it is 404 until its workflow has recorded its start. */
  private static JsonNode await(Session session, String id, Duration timeout) {
    long start = System.nanoTime();
    while (true) {
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      JsonNode reconciliation = fetch(session, id);
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

  private static JsonNode fetch(Session session, String id) {
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
