package io.ledgerbridge.worker.cli;

import static io.ledgerbridge.worker.cli.Formats.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code ledgerbridge tokens ...}: API tokens for scripts and the CLI; an admin's commands. */
@Command(
    name = "tokens",
    customSynopsis = "ledgerbridge tokens list|create|revoke [ARGUMENTS] [OPTIONS]",
    description = {
      "API tokens for scripts and the CLI: list, create, revoke",
      "Each token has a name (the audit trail's WHO for what it does), a role (VIEWER, OPERATOR or ADMIN) and an expiry."
          + " Its secret is shown once, when it is created; LedgerBridge keeps only a hash of it. Needs an ADMIN's token."
    },
    subcommands = HelpCommand.class)
final class TokensCommands implements Runnable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern DAYS = Pattern.compile("(\\d{1,4})d?");

  @ParentCommand LedgerBridgeCli cli;

  @Override
  public void run() {
    throw CliException.usage("name a tokens command");
  }

  @Command(
      name = "list",
      customSynopsis = "ledgerbridge tokens list [--json]",
      description = {
        "every token: name, role, state, expiry",
        "Every API token, newest first: ID ('tokens revoke' takes it), NAME, ROLE, STATE (ACTIVE, EXPIRED or REVOKED),"
            + " EXPIRES, CREATED and CREATED BY. Secrets are never shown again."
      })
  int list() {
    Session session = cli.session();
    JsonNode tokens = session.api().get("/api/tokens");
    Table table = new Table("ID", "NAME", "ROLE", "STATE", "EXPIRES", "CREATED", "CREATED BY").alignRight(0);
    tokens.forEach(token -> table.row(text(token, "id"), text(token, "name"), text(token, "role"), text(token, "state"),
        Formats.minute(text(token, "expiresAt")), Formats.minute(text(token, "createdAt")), text(token, "createdBy")));
    session.print(tokens, table.isEmpty() ? "No API tokens yet; 'ledgerbridge tokens create' makes one.\n" : table.render());
    return 0;
  }

  @Command(
      name = "create",
      customSynopsis = "ledgerbridge tokens create --name NAME --role ROLE [--expires-in DAYS] [--json]",
      description = {
        "create a token; its secret is printed this once only",
        "Creates an API token and prints its secret, which is never shown again: send it as"
            + " 'Authorization: Bearer <secret>', or give it to this CLI with --token or $LEDGERBRIDGE_ADMIN_TOKEN."
      })
  int create(
      @Option(names = "--name", required = true, paramLabel = "NAME", description = "what it is for, e.g. nightly-export")
          String name,
      @Option(
              names = "--role",
              required = true,
              paramLabel = "ROLE",
              completionCandidates = AccessOptions.Roles.class,
              description = "what it may do: ${COMPLETION-CANDIDATES}")
          String role,
      @Option(
              names = "--expires-in",
              paramLabel = "DAYS",
              description = "it stops working after this many days, e.g. 90d; 1 to 366, default 90")
          String expiresIn) {
    if (name.isBlank()) {
      throw CliException.usage("--name is empty");
    }
    ObjectNode body = JSON.createObjectNode().put("name", name.trim()).put("role", AccessOptions.role("--role", role));
    if (expiresIn != null) {
      body.put("expiresInDays", days(expiresIn));
    }
    Session session = cli.session();
    JsonNode created = session.api().post("/api/tokens", body);
    JsonNode token = created.get("token");
    session.print(created, "Created token " + text(token, "id") + " '" + text(token, "name") + "' (" + text(token, "role")
        + "), expires " + Formats.minute(text(token, "expiresAt")) + ". Its secret, shown only this once:\n  "
        + text(created, "secret") + "\n");
    return 0;
  }

  @Command(
      name = "revoke",
      customSynopsis = "ledgerbridge tokens revoke ID",
      description = {"revoke a token at once", "Requests with the token are refused from now on; it stays listed as REVOKED."})
  int revoke(@Parameters(paramLabel = "ID", description = "the token's id, as 'tokens list' shows it") String id) {
    String tokenId = AccessOptions.id("a token", id);
    Session session = cli.session();
    session.api().delete("/api/tokens/" + tokenId);
    if (!session.json()) {
      session.out().println("Revoked token " + tokenId + "; requests with it are refused from now on.");
    }
    return 0;
  }

  /** --expires-in as a number of days: "90d" or "90". */
  static int days(String given) {
    Matcher days = DAYS.matcher(given.trim());
    if (!days.matches()) {
      throw CliException.usage("--expires-in: '" + given + "' is not a number of days, e.g. 90d");
    }
    return Integer.parseInt(days.group(1));
  }
}
