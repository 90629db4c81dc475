package io.ledgerbridge.worker.cli;

import static io.ledgerbridge.worker.cli.Formats.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code ledgerbridge errors ...}: the records that did not sync; retrying or dismissing them. */
@Command(
    name = "errors",
    customSynopsis = "ledgerbridge errors list|show|retry|dismiss [ARGUMENTS] [OPTIONS]",
    description = {
      "the records that did not sync: list, show, retry, dismiss",
      "Each record with its latest error (older ones are its history). An error closes by itself when a later sync of"
          + " its record succeeds."
    },
    subcommands = HelpCommand.class)
final class ErrorsCommands implements Runnable {
  /** The most errors the API lists at once. */
  static final int MAX_LIMIT = 500;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FILTERS_SECTION = "filters";

  @ParentCommand LedgerBridgeCli cli;

  @Override
  public void run() {
    throw CliException.usage("name an errors command");
  }

  /** The group's help lists the filters its commands share, as the commands' own help does. */
  static void addFiltersSection(CommandLine errors) {
    CommandSpec filters = CommandSpec.forAnnotatedObject(new ErrorFilters());
    filters.resourceBundle(errors.getResourceBundle());
    errors.getHelpSectionMap().put(FILTERS_SECTION, help ->
        help.createHeading("%nFilters of list, and of retry and dismiss with --all:%n")
            + new CommandLine.Help(filters, help.colorScheme()).optionList());
    List<String> sections = new ArrayList<>(errors.getHelpSectionKeys());
    sections.add(sections.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER_HEADING), FILTERS_SECTION);
    errors.setHelpSectionKeys(sections);
  }

  @Command(
      name = "list",
      customSynopsis = "ledgerbridge errors list [FILTERS] [--status STATUS] [--limit N] [--json]",
      description = {
        "records that did not sync, the latest first",
        "The records that did not sync, the latest error first: ID ('errors show' takes it), COMPANY, OBJECT,"
            + " DIRECTION, SOURCE ID (the record's id in the system it came from, or \"whole object\" when the object's"
            + " run failed as a whole), TYPE, ATTEMPTS, LAST SEEN and MESSAGE, cut to fit the terminal's width ($COLUMNS,"
            + " else 80); 'errors show ID' and --json give all of it."
      })
  int list(
      @Mixin ErrorFilters filters,
      @Option(names = "--status", paramLabel = "STATUS", description = "OPEN (the default), RESOLVED, DISMISSED or ANY")
          String status,
      @Option(
              names = "--limit",
              paramLabel = "N",
              converter = WholeNumber.class,
              description = "at most N errors, 1 to " + MAX_LIMIT + "; default 50")
          Integer limit) {
    StringBuilder query = new StringBuilder();
    filters.byApiName().forEach((field, value) -> query.append('&').append(field).append('=').append(encode(value)));
    if (status != null) {
      query.append("&status=").append(encode(status));
    }
    // Checked here because the API calls it size, and its message would name that.
    if (limit != null) {
      if (limit < 1 || limit > MAX_LIMIT) {
        throw CliException.usage("--limit: " + limit + " is not between 1 and " + MAX_LIMIT);
      }
      query.append("&size=").append(limit);
    }
    Session session = cli.session();
    JsonNode page = session.api().get("/api/errors" + (query.isEmpty() ? "" : "?" + query.substring(1)));
    session.print(page, ErrorViews.list(page, session.columns()));
    return 0;
  }

  @Command(
      name = "show",
      customSynopsis = "ledgerbridge errors show ID [--json]",
      description = {
        "one error: every field, links to the record, history",
        "Its record, type, the remote system's code and message, attempts, when it was first and last seen, its job"
            + " and run, links to the record in QuickBooks and Salesforce (when they have web pages), its last retry"
            + " with that workflow's state, and the record's older errors."
      })
  int show(@Parameters(paramLabel = "ID", description = "the error's id, as 'errors list' shows it") String id) {
    checkErrorId(id);
    Session session = cli.session();
    JsonNode error = session.api().get(path(id));
    session.print(error, ErrorViews.show(error, session.columns()));
    return 0;
  }

  @Command(
      name = "retry",
      customSynopsis = {
        "ledgerbridge errors retry ID [--json]",
        "       ledgerbridge errors retry --all [FILTERS] [--json]"
      },
      description = {
        "sync the record (or every match) again now",
        "Syncs the error's record again now, through Temporal, and prints the workflows started. The error closes when"
            + " that sync succeeds; 'errors show ID' shows how the retry went."
      })
  int retry(
      @Parameters(paramLabel = "ID", arity = "0..1", description = "the error's id, as 'errors list' shows it") String id,
      @Option(
              names = "--all",
              description = "retry every open error the filters match (without filters, every open error), at most"
                  + " 1000 at once; the rest stay open")
          boolean all,
      @Mixin ErrorFilters filters) {
    ObjectNode selection = select(id, all, filters);
    Session session = cli.session();
    JsonNode result = selection == null
        ? session.api().post(path(id) + "/retry", null)
        : session.api().post("/api/errors/retry", selection);
    session.print(result, ErrorViews.retried(result));
    return 0;
  }

  @Command(
      name = "dismiss",
      customSynopsis = {
        "ledgerbridge errors dismiss ID [--json]",
        "       ledgerbridge errors dismiss --all FILTERS [--json]"
      },
      description = {
        "stop showing the error (or every match)",
        "Stops showing an open error: it leaves 'errors list' and the status counts, and stays listed under --status"
            + " DISMISSED. A later failure of the same record opens a new error."
      })
  int dismiss(
      @Parameters(paramLabel = "ID", arity = "0..1", description = "the error's id, as 'errors list' shows it") String id,
      @Option(
              names = "--all",
              description = "dismiss every open error the filters match; at least one filter is needed, as dismissing"
                  + " every error at once is refused")
          boolean all,
      @Mixin ErrorFilters filters) {
    ObjectNode selection = select(id, all, filters);
    if (selection != null && selection.isEmpty()) {
      throw CliException.usage("--all needs at least one filter (--company, --object, --direction, --type or"
          + " --job); dismissing every open error at once is refused");
    }
    Session session = cli.session();
    if (selection == null) {
      JsonNode error = session.api().post(path(id) + "/dismiss", null);
      session.print(error, "Dismissed error " + text(error, "id") + ": " + ErrorViews.record(error) + " of company "
          + text(error, "companyId") + ". 'ledgerbridge errors list --status DISMISSED' still lists it.\n");
      return 0;
    }
    JsonNode result = session.api().post("/api/errors/dismiss", selection);
    long dismissed = Formats.count(result, "dismissed");
    session.print(result, dismissed == 0 ? "No open errors match; nothing dismissed.\n"
        : "Dismissed " + Formats.quantity(dismissed, "open error") + ".\n");
    return 0;
  }

  /**
   * What a retry or dismiss acts on: one error (null, its ID checked), or with --all the body of
   * the bulk call, the filters. With an ID the filters would be ignored, so they are refused.
   */
  private static ObjectNode select(String id, boolean all, ErrorFilters filters) {
    if (all && id != null) {
      throw CliException.usage("give ID or --all, not both");
    }
    if (!all) {
      if (id == null) {
        throw CliException.usage("missing ID, or --all with filters");
      }
      checkErrorId(id);
      String filter = filters.given().keySet().stream().findFirst().orElse(null);
      if (filter != null) {
        throw CliException.usage(filter + " goes with --all; with an ID, give no filters");
      }
      return null;
    }
    ObjectNode body = JSON.createObjectNode();
    filters.byApiName().forEach(body::put);
    return body;
  }

  /** An error's id, a whole number as 'errors list' shows it. */
  private static void checkErrorId(String id) {
    if (id.isBlank()) {
      throw CliException.usage("ID is empty");
    }
    if (!id.trim().matches("\\d{1,18}")) {
      throw CliException.usage("ID: '" + id + "' is not an error id; 'ledgerbridge errors list' shows them");
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String path(String id) {
    return "/api/errors/" + ApiClient.segment(id.trim());
  }
}
