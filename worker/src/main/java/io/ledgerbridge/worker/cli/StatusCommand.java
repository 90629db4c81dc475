package io.ledgerbridge.worker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code ledgerbridge status}: what is in sync, per company and object, and the real-time notifications. */
@Command(
    name = "status",
    customSynopsis = "ledgerbridge status [--company REALM_ID] [--json]",
    description = {
      "per company and object: in sync, errors, last sync",
      "What is in sync: the totals, then per company and per object and direction its STATE (OK, ERRORS, FAILING when"
          + " its last run failed as a whole, NEVER_SYNCED), records IN SYNC of those known on both sides, OPEN ERRORS,"
          + " DEFERRED records waiting for their parent, the LAST SUCCESSFUL SYNC and the LAST RUN; then the real-time"
          + " notifications this instance received since it started, per sending system."
    })
final class StatusCommand implements Callable<Integer> {
  @ParentCommand LedgerBridgeCli cli;

  @Option(names = "--company", paramLabel = "REALM_ID", description = "only this QuickBooks company")
  String company;

  @Override
  public Integer call() {
    Optional<String> chosen = Optional.ofNullable(company).map(String::trim).filter(value -> !value.isEmpty());
    String query = chosen.map(id -> "?companyId=" + URLEncoder.encode(id, StandardCharsets.UTF_8)).orElse("");
    Session session = cli.session();
    JsonNode status = session.api().get("/api/status" + query);
    session.print(status, StatusViews.summary(status, chosen));
    return 0;
  }
}
