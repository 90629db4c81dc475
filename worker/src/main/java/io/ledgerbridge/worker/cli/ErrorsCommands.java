package io.ledgerbridge.worker.cli;

import static io.ledgerbridge.worker.cli.Formats.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code ledgerbridge errors ...}: the records that did not sync; retrying or dismissing them. */
final class ErrorsCommands {
  /** The most errors the API lists at once. */
  static final int MAX_LIMIT = 500;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> DIRECTIONS = Set.of("QBO_TO_SALESFORCE", "SALESFORCE_TO_QBO");
  /** The filter options and the API's name for each, the same in a list's query and a bulk body. */
  private static final Map<Option, String> FILTERS = new LinkedHashMap<>();

  static {
    FILTERS.put(Option.COMPANY, "companyId");
    FILTERS.put(Option.OBJECT, "object");
    FILTERS.put(Option.DIRECTION, "direction");
    FILTERS.put(Option.TYPE, "type");
    FILTERS.put(Option.JOB, "jobId");
  }

  private final Session session;

  ErrorsCommands(Session session) {
    this.session = session;
  }

  int list(Arguments arguments) {
    StringBuilder query = new StringBuilder();
    filters(arguments, Command.ERRORS_LIST)
        .forEach((field, value) -> query.append('&').append(field).append('=').append(encode(value)));
    arguments.value(Option.STATUS).ifPresent(status -> query.append("&status=").append(encode(status)));
    limit(arguments).ifPresent(limit -> query.append("&size=").append(limit));
    JsonNode page = session.api().get("/api/errors" + (query.isEmpty() ? "" : "?" + query.substring(1)));
    session.print(page, ErrorViews.list(page, session.columns()));
    return 0;
  }

  int show(String id) {
    JsonNode error = session.api().get(path(id));
    session.print(error, ErrorViews.show(error, session.columns()));
    return 0;
  }

  int retry(String id) {
    JsonNode result = session.api().post(path(id) + "/retry", null);
    session.print(result, ErrorViews.retried(result));
    return 0;
  }

  int retryMatching(Arguments arguments) {
    JsonNode result = session.api().post("/api/errors/retry", selection(arguments, Command.ERRORS_RETRY));
    session.print(result, ErrorViews.retried(result));
    return 0;
  }

  int dismiss(String id) {
    JsonNode error = session.api().post(path(id) + "/dismiss", null);
    session.print(error, "Dismissed error " + text(error, "id") + ": " + ErrorViews.record(error) + " of company "
        + text(error, "companyId") + ". 'ledgerbridge errors list --status DISMISSED' still lists it.\n");
    return 0;
  }

  int dismissMatching(Arguments arguments) {
    JsonNode result = session.api().post("/api/errors/dismiss", selection(arguments, Command.ERRORS_DISMISS));
    long dismissed = Formats.count(result, "dismissed");
    session.print(result, dismissed == 0 ? "No open errors match; nothing dismissed.\n"
        : "Dismissed " + Formats.quantity(dismissed, "open error") + ".\n");
    return 0;
  }

  /**
   * The filters given, by the API's names. An empty value is refused rather than read as "no
   * filter": {@code --company "$UNSET"} must not widen a bulk retry to every company.
   */
  static Map<String, String> filters(Arguments arguments, Command command) {
    Map<String, String> filters = new LinkedHashMap<>();
    FILTERS.forEach((option, field) -> arguments.value(option).map(String::trim).ifPresent(value -> {
      if (value.isEmpty()) {
        throw CliException.usage(command, option.flag() + " is empty");
      }
      filters.put(field, switch (option) {
        case DIRECTION -> direction(value, command);
        case TYPE -> value.toUpperCase(Locale.ROOT).replace('-', '_');
        default -> value;
      });
    }));
    return filters;
  }

  /** The same spellings 'jobs create' takes; anything else is refused before a call. */
  private static String direction(String given, Command command) {
    String direction = JobBody.direction(given);
    if (!DIRECTIONS.contains(direction)) {
      throw CliException.usage(command, "--direction: '" + given
          + "' is not QBO_TO_SALESFORCE (or to-salesforce) or SALESFORCE_TO_QBO (or to-qbo)");
    }
    return direction;
  }

  /** --limit, checked here because the API calls it size and its message would name that. */
  static Optional<Integer> limit(Arguments arguments) {
    Optional<Integer> limit = arguments.wholeNumber(Option.LIMIT, Command.ERRORS_LIST);
    limit.filter(n -> n < 1 || n > MAX_LIMIT).ifPresent(n -> {
      throw CliException.usage(Command.ERRORS_LIST, "--limit: " + n + " is not between 1 and " + MAX_LIMIT);
    });
    return limit;
  }

  /** An error's id, a whole number as 'errors list' shows it. */
  static void errorId(Command command, String id) {
    if (!id.trim().matches("\\d{1,18}")) {
      throw CliException.usage(command, "ID: '" + id + "' is not an error id; 'ledgerbridge errors list' shows them");
    }
  }

  /** With an ID the filters would be ignored, so they are refused: they go with --all. */
  static void requireNoFilters(Arguments arguments, Command command) {
    FILTERS.keySet().stream().filter(arguments::has).findFirst().ifPresent(option -> {
      throw CliException.usage(command, option.flag() + " goes with --all; with an ID, give no filters");
    });
  }

  /**
   * The body of a bulk retry or dismiss (--all): the filters. Without any, a retry covers every
   * open error; a dismiss is refused, as the API refuses it.
   */
  static ObjectNode selection(Arguments arguments, Command command) {
    Map<String, String> filters = filters(arguments, command);
    if (filters.isEmpty() && command == Command.ERRORS_DISMISS) {
      throw CliException.usage(command, "--all needs at least one filter (--company, --object, --direction, --type or"
          + " --job); dismissing every open error at once is refused");
    }
    ObjectNode body = JSON.createObjectNode();
    filters.forEach(body::put);
    return body;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String path(String id) {
    return "/api/errors/" + ApiClient.segment(id.trim());
  }
}
