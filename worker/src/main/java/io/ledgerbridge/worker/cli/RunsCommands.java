package io.ledgerbridge.worker.cli;

import static io.ledgerbridge.worker.cli.Formats.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code ledgerbridge runs ...}: run reports, newest first. */
@Command(
    name = "runs",
    customSynopsis = "ledgerbridge runs list|show [ARGUMENTS] [OPTIONS]",
    description = {"run reports: list, show"},
    subcommands = HelpCommand.class)
final class RunsCommands implements Runnable {
  /** A full run id (a UUID); anything shorter may be the short id the run list shows. */
  private static final int FULL_ID_LENGTH = 36;
  /** The most runs the API lists at once, searched for a short id. */
  private static final int SEARCHED = 500;

  @ParentCommand LedgerBridgeCli cli;

  @Override
  public void run() {
    throw CliException.usage("name a runs command");
  }

  @Command(
      name = "list",
      customSynopsis = "ledgerbridge runs list [--job ID] [--limit N] [--json]",
      description = {
        "run reports, newest first, with per-object counts",
        "Run reports, newest first: RUN ID (its first 8 characters; 'runs show' accepts them), JOB, STATUS, STARTED,"
            + " DURATION and per object its counts, e.g. Customer 60r/60c/0u/0=/0d/0f: read, created, updated,"
            + " unchanged (=), deferred, failed."
      })
  int list(
      @Option(names = "--job", paramLabel = "ID", description = "only this job's runs") String job,
      @Option(names = "--limit", paramLabel = "N", converter = WholeNumber.class, description = "at most N runs, 1 to 500;"
          + " default 50") Integer limit) {
    StringBuilder query = new StringBuilder();
    if (job != null) {
      query.append("&jobId=").append(URLEncoder.encode(job, StandardCharsets.UTF_8));
    }
    if (limit != null) {
      query.append("&limit=").append(limit);
    }
    Session session = cli.session();
    JsonNode runs = session.api().get("/api/runs" + (query.isEmpty() ? "" : "?" + query.substring(1)));
    session.print(runs, RunViews.list(runs));
    return 0;
  }

  @Command(
      name = "show",
      customSynopsis = "ledgerbridge runs show RUN_ID [--json]",
      description = {
        "one run's report",
        "One run's report: status, cause, times and per object its status, counts and error. RUN_ID may be the short"
            + " id 'runs list' shows."
      })
  int show(@Parameters(paramLabel = "RUN_ID", description = "the run's id, or the start of it 'runs list' shows")
      String runId) {
    if (runId.isBlank()) {
      throw CliException.usage("RUN_ID is empty");
    }
    Session session = cli.session();
    JsonNode run = find(session, runId);
    session.print(run, RunViews.report(run));
    return 0;
  }

  /** The run with this id, or with this short id if exactly one recent run starts with it. */
  private static JsonNode find(Session session, String runId) {
    try {
      return session.api().get("/api/runs/" + ApiClient.segment(runId));
    } catch (ApiException notFound) {
      if (notFound.status() != 404 || runId.length() >= FULL_ID_LENGTH) {
        throw notFound;
      }
      List<JsonNode> matches = new ArrayList<>();
      session.api().get("/api/runs?limit=" + SEARCHED).forEach(run -> {
        String id = text(run, "runId");
        if (id != null && id.startsWith(runId)) {
          matches.add(run);
        }
      });
      if (matches.size() == 1) {
        return matches.get(0);
      }
      if (matches.isEmpty()) {
        throw notFound;
      }
      throw CliException.failed("run id '" + runId + "' is ambiguous: " + matches.size()
          + " runs start with it; give more of it");
    }
  }
}
