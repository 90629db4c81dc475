package io.ledgerbridge.worker.cli;

import static io.ledgerbridge.worker.cli.Formats.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** {@code ledgerbridge runs ...}: run reports, newest first. */
final class RunsCommands {
  /** A full run id (a UUID); anything shorter may be the short id the run list shows. */
  private static final int FULL_ID_LENGTH = 36;
  /** The most runs the API lists at once, searched for a short id. */
  private static final int SEARCHED = 500;

  private final Session session;

  RunsCommands(Session session) {
    this.session = session;
  }

  int list(Arguments arguments) {
    StringBuilder query = new StringBuilder();
    arguments.value(Option.JOB).ifPresent(job -> query.append("&jobId=").append(URLEncoder.encode(job, StandardCharsets.UTF_8)));
    arguments.wholeNumber(Option.LIMIT, Command.RUNS_LIST).ifPresent(limit -> query.append("&limit=").append(limit));
    JsonNode runs = session.api().get("/api/runs" + (query.isEmpty() ? "" : "?" + query.substring(1)));
    session.print(runs, RunViews.list(runs));
    return 0;
  }

  int show(String runId) {
    JsonNode run = find(runId);
    session.print(run, RunViews.report(run));
    return 0;
  }

  /** The run with this id, or with this short id if exactly one recent run starts with it. */
  private JsonNode find(String runId) {
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
