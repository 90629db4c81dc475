package io.ledgerbridge.worker.cli;

import static io.ledgerbridge.worker.cli.Formats.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code ledgerbridge people ...}: the people who sign in to the admin page; an admin's commands. */
@Command(
    name = "people",
    customSynopsis = "ledgerbridge people list|add|set-role|disable [ARGUMENTS] [OPTIONS]",
    description = {
      "people who sign in to the admin page: list, add, set-role, disable",
      "Each person signs in with their email and password and acts with their role (VIEWER, OPERATOR or ADMIN); the"
          + " audit trail names them. Needs an ADMIN's token."
    },
    subcommands = HelpCommand.class)
final class PeopleCommands implements Runnable {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParentCommand LedgerBridgeCli cli;

  @Override
  public void run() {
    throw CliException.usage("name a people command");
  }

  @Command(
      name = "list",
      customSynopsis = "ledgerbridge people list [--json]",
      description = {"everyone with an account: email, role, state", "ID, NAME, EMAIL, ROLE, STATE (ACTIVE or DISABLED) and ADDED."})
  int list() {
    Session session = cli.session();
    JsonNode people = session.api().get("/api/people");
    Table table = new Table("ID", "NAME", "EMAIL", "ROLE", "STATE", "ADDED").alignRight(0);
    people.forEach(person -> table.row(text(person, "id"), text(person, "name"), text(person, "email"), text(person, "role"),
        person.path("disabled").asBoolean() ? "DISABLED" : "ACTIVE", Formats.minute(text(person, "createdAt"))));
    session.print(people, table.isEmpty() ? "No people yet; 'ledgerbridge people add' adds one.\n" : table.render());
    return 0;
  }

  @Command(
      name = "add",
      customSynopsis = "ledgerbridge people add --name NAME --email EMAIL --role ROLE --password-file FILE [--json]",
      description = {
        "add a person with a role and a first password",
        "The first line of FILE is their first password (at least 12 characters): a password on the command line would"
            + " show in the process list and the shell's history. In bash: --password-file <(printf '%s' \"$PASSWORD\")."
      })
  int add(
      @Option(names = "--name", required = true, paramLabel = "NAME", description = "their name, as the audit trail shows it")
          String name,
      @Option(names = "--email", required = true, paramLabel = "EMAIL", description = "what they sign in with") String email,
      @Option(
              names = "--role",
              required = true,
              paramLabel = "ROLE",
              completionCandidates = AccessOptions.Roles.class,
              description = "what they may do: ${COMPLETION-CANDIDATES}")
          String role,
      @Option(names = "--password-file", required = true, paramLabel = "FILE", description = "a file whose first line is"
          + " their first password") Path passwordFile) {
    ObjectNode body = JSON.createObjectNode().put("name", name.trim()).put("email", email.trim())
        .put("role", AccessOptions.role("--role", role)).put("password", firstLine(passwordFile));
    Session session = cli.session();
    JsonNode added = session.api().post("/api/people", body);
    session.print(added, "Added " + text(added, "name") + " <" + text(added, "email") + "> as " + text(added, "role")
        + " (id " + text(added, "id") + "); they sign in on the admin page with their email.\n");
    return 0;
  }

  @Command(
      name = "set-role",
      customSynopsis = "ledgerbridge people set-role ID ROLE [--json]",
      description = {"change a person's role", "The new role applies to their next request."})
  int setRole(
      @Parameters(index = "0", paramLabel = "ID", description = "the person's id, as 'people list' shows it") String id,
      @Parameters(index = "1", paramLabel = "ROLE", completionCandidates = AccessOptions.Roles.class,
          description = "${COMPLETION-CANDIDATES}") String role) {
    String personId = AccessOptions.id("a person", id);
    ObjectNode body = JSON.createObjectNode().put("role", AccessOptions.role("ROLE", role));
    Session session = cli.session();
    JsonNode changed = session.api().put("/api/people/" + personId, body);
    session.print(changed, text(changed, "name") + " <" + text(changed, "email") + "> is now " + text(changed, "role") + ".\n");
    return 0;
  }

  @Command(
      name = "disable",
      customSynopsis = "ledgerbridge people disable ID [--json]",
      description = {"sign a person out and stop them signing in", "Their account stays listed, as DISABLED."})
  int disable(@Parameters(paramLabel = "ID", description = "the person's id, as 'people list' shows it") String id) {
    String personId = AccessOptions.id("a person", id);
    Session session = cli.session();
    JsonNode disabled = session.api().post("/api/people/" + personId + "/disable", null);
    session.print(disabled, "Disabled " + text(disabled, "name") + " <" + text(disabled, "email") + ">; they are signed out.\n");
    return 0;
  }

  private static String firstLine(Path file) {
    try {
      String line = Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("");
      if (line.isEmpty()) {
        throw CliException.usage("--password-file: " + file + " is empty; its first line is the password");
      }
      return line;
    } catch (IOException e) {
      throw CliException.usage("--password-file: cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
    }
  }
}
