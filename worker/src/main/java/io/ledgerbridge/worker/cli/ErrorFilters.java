package io.ledgerbridge.worker.cli;

import io.ledgerbridge.workflows.sync.FailureType;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import picocli.CommandLine.Option;

/** The filters of 'errors list' and of 'errors retry|dismiss --all', each narrowing the errors to those that match. */
final class ErrorFilters {
  private static final Set<String> DIRECTIONS = Set.of("QBO_TO_SALESFORCE", "SALESFORCE_TO_QBO");
  /** Each filter option and the API's name for it. */
  private static final Map<String, String> API_NAMES = new LinkedHashMap<>();

  static {
    API_NAMES.put("--company", "companyId");
    API_NAMES.put("--object", "object");
    API_NAMES.put("--direction", "direction");
    API_NAMES.put("--type", "type");
    API_NAMES.put("--job", "jobId");
  }

  @Option(names = "--company", paramLabel = "REALM_ID", description = "the QuickBooks company (realmId)")
  String company;

  @Option(
      names = "--object",
      paramLabel = "NAME",
      descriptionKey = CatalogHelp.OBJECT,
      completionCandidates = CatalogHelp.ObjectNames.class)
  String object;

  @Option(names = "--direction", paramLabel = "DIRECTION", description = JobOptions.DIRECTIONS)
  String direction;

  @Option(
      names = "--type",
      paramLabel = "TYPE",
      completionCandidates = FailureTypes.class,
      description = "${COMPLETION-CANDIDATES}")
  String type;

  @Option(names = "--job", paramLabel = "ID", description = "the job whose run met the error")
  String job;

  /**
   * The filters given, by the API's names, the same in a list's query and a bulk body. An empty
   * value is refused rather than read as "no filter": {@code --company "$UNSET"} must not widen a
   * bulk retry to every company.
   */
  Map<String, String> byApiName() {
    Map<String, String> filters = new LinkedHashMap<>();
    given().forEach((option, value) -> {
      if (value.isBlank()) {
        throw CliException.usage(option + " is empty");
      }
      String trimmed = value.trim();
      filters.put(API_NAMES.get(option), switch (option) {
        case "--direction" -> direction(trimmed);
        case "--type" -> trimmed.toUpperCase(Locale.ROOT).replace('-', '_');
        default -> trimmed;
      });
    });
    return filters;
  }

  /** The filters given, by option. */
  Map<String, String> given() {
    Map<String, String> given = new LinkedHashMap<>();
    given.put("--company", company);
    given.put("--object", object);
    given.put("--direction", direction);
    given.put("--type", type);
    given.put("--job", job);
    given.values().removeIf(Objects::isNull);
    return given;
  }

  /** The same spellings 'jobs create' takes; anything else is refused before a call. */
  private static String direction(String given) {
    String direction = JobBody.direction(given);
    if (!DIRECTIONS.contains(direction)) {
      throw CliException.usage("--direction: '" + given + "' is not " + JobOptions.DIRECTIONS);
    }
    return direction;
  }

  /** The error types, from the workflows' own list, for help and completion. */
  static final class FailureTypes implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(FailureType.values()).map(FailureType::name).iterator();
    }
  }
}
