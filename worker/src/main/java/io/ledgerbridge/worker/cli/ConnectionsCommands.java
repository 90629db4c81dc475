package io.ledgerbridge.worker.cli;

import static io.ledgerbridge.worker.cli.Formats.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code ledgerbridge connections}: every QuickBooks company and the Salesforce org, and disconnecting a company. */
@Command(
    name = "connections",
    customSynopsis = {"ledgerbridge connections [--json]", "       ledgerbridge connections disconnect quickbooks REALM_ID",
        "       ledgerbridge connections disconnect salesforce"},
    description = {
      "list the connections to QuickBooks and Salesforce; disconnect a company or the org",
      "Every QuickBooks company LedgerBridge holds tokens for or a job names, then the Salesforce org: its STATE"
          + " (CONNECTED, NEEDS_REAUTHORIZATION, NOT_CONNECTED), when its ACCESS and REFRESH tokens expire, when Intuit's"
          + " five-year limit on the authorization ENDS, the LAST SUCCESS and LAST FAILURE of its calls, and for Salesforce"
          + " the daily API CALLS LEFT as its last answer said and the AUTH FLOW its tokens come by. Below the table: why a connection is not CONNECTED, where"
          + " to reconnect it, and the last failure's reason."
    },
    subcommands = HelpCommand.class)
final class ConnectionsCommands implements Callable<Integer> {
  @ParentCommand LedgerBridgeCli cli;

  /** The systems 'disconnect' takes, for help and completion. */
  static final class Systems implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return List.of("quickbooks", "salesforce").iterator();
    }
  }

  @Override
  public Integer call() {
    Session session = cli.session();
    JsonNode connections = session.api().get("/api/connections");
    session.print(connections, view(connections));
    return 0;
  }

  static String view(JsonNode connections) {
    Table table = new Table("SYSTEM", "ACCOUNT", "STATE", "ACCESS TOKEN EXPIRES", "REFRESH TOKEN EXPIRES",
        "AUTHORIZATION ENDS", "LAST SUCCESS", "LAST FAILURE", "API CALLS LEFT", "AUTH FLOW");
    StringBuilder notes = new StringBuilder();
    for (JsonNode connection : connections) {
      String system = system(text(connection, "system"));
      String account = text(connection, "accountId");
      String left = text(connection, "apiCallsLeft");
      table.row(system, account, text(connection, "state"), Formats.minute(text(connection, "accessTokenExpiresAt")),
          Formats.minute(text(connection, "refreshTokenExpiresAt")), Formats.minute(text(connection, "authorizationCapAt")),
          Formats.minute(text(connection, "lastSuccessAt")), Formats.minute(text(connection, "lastFailureAt")),
          left == null ? null : left + " of " + text(connection, "apiCallsLimit"), text(connection, "authFlow"));
      String reason = text(connection, "reason");
      if (reason != null) {
        notes.append(system).append(' ').append(account).append(": ").append(reason).append('\n');
        String reconnect = text(connection, "reconnectUrl");
        if (reconnect != null) {
          notes.append("  reconnect: open ").append(reconnect).append(" in a browser\n");
        }
      }
      String failure = text(connection, "lastFailureReason");
      if (failure != null && !failure.equals(reason)) {
        notes.append(system).append(' ').append(account).append(", last failure (").append(text(connection, "lastFailureType"))
            .append("): ").append(failure).append('\n');
      }
    }
    return table.render() + (notes.isEmpty() ? "" : "\n" + notes);
  }

  private static String system(String system) {
    return "QUICKBOOKS".equals(system) ? "QuickBooks" : "SALESFORCE".equals(system) ? "Salesforce" : system;
  }

  @Command(
      name = "disconnect",
      customSynopsis = {"ledgerbridge connections disconnect quickbooks REALM_ID",
          "       ledgerbridge connections disconnect salesforce"},
      description = {
        "disconnect a QuickBooks company or the Salesforce org: revoke its token at the provider, forget it",
        "Revokes the refresh token at Intuit or Salesforce and forgets LedgerBridge's tokens; its jobs fail as not"
            + " connected until an admin connects it again. The Salesforce org can be disconnected when it was connected"
            + " by the web-server flow; by the client-credentials or jwt-bearer flow its credentials come from"
            + " LedgerBridge's configuration, and the answer says what to do instead. Needs an ADMIN's token."
      })
  int disconnect(
      @Parameters(index = "0", paramLabel = "SYSTEM", completionCandidates = Systems.class,
          description = "quickbooks, or salesforce") String system,
      @Parameters(index = "1", arity = "0..1", paramLabel = "REALM_ID",
          description = "the QuickBooks company, as 'connections' lists it") String realmId) {
    String chosen = system.trim().toLowerCase(Locale.ROOT);
    if (chosen.equals("salesforce")) {
      if (realmId != null) {
        throw CliException.usage("REALM_ID: the Salesforce org takes none; run 'ledgerbridge connections disconnect salesforce'");
      }
      Session session = cli.session();
      JsonNode disconnected = session.api().delete("/api/connections/salesforce");
      session.print(disconnected, "Disconnected the Salesforce org " + text(disconnected, "accountId") + ": "
          + (disconnected.path("revokedAtProvider").asBoolean()
              ? "Salesforce revoked its token and LedgerBridge forgot it."
              : "Salesforce had refused its token already; LedgerBridge forgot it.")
          + " Its jobs fail as not connected until it is connected again.\n");
      return 0;
    }
    if (!chosen.equals("quickbooks")) {
      throw CliException.usage("SYSTEM: '" + system + "' is not a system; one of quickbooks, salesforce");
    }
    if (realmId == null || !realmId.trim().matches("\\d{1,64}")) {
      throw CliException.usage("REALM_ID: " + (realmId == null ? "missing" : "'" + realmId + "' is not a realmId")
          + "; give the company's realmId (digits), as 'ledgerbridge connections' lists it");
    }
    String realm = realmId.trim();
    Session session = cli.session();
    JsonNode disconnected = session.api().delete("/api/connections/quickbooks/" + realm);
    session.print(disconnected, "Disconnected QuickBooks company " + realm + ": "
        + (disconnected.path("revokedAtProvider").asBoolean()
            ? "Intuit revoked its token and LedgerBridge forgot it."
            : "Intuit had refused its token already; LedgerBridge forgot it.")
        + " Its jobs fail as not connected until it is connected again.\n");
    return 0;
  }
}
