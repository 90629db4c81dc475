package io.ledgerbridge.worker.cli;

import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Help text shared by commands. The objects are listed from {@link SyncObject}, the catalog this
 * CLI is built with (the server's own), so help works without a server and never goes stale.
 */
final class Help {
  /** Where option descriptions start, and how wide a help line may get. */
  private static final int DESCRIPTION_COLUMN = 27;
  private static final int WIDTH = 100;

  static final String JOB_OPTIONS =
      """

      Job:
        --name NAME              a unique name; the job's id is derived from it
        --company REALM_ID       the QuickBooks company (realmId)
        --direction DIRECTION    QBO_TO_SALESFORCE (or to-salesforce) or SALESFORCE_TO_QBO (or to-qbo)
      """
          + option("--objects LIST", "a comma list in sync order (e.g. Customer,Invoice) of " + objectsInOrder())
          + """
        --file FILE              the job as the API's JSON body; options given as well override it

      Schedule, either a 5-field cron string:
        --cron CRON              e.g. "0 3 * * *"
      or fields, each a comma list of values, ranges (9-17) or steps (*/15). A field left out means
      every value, and for the two day fields "None"; never both day fields.
        --minute LIST            0-59, e.g. 0,30
        --hour LIST              0-23
        --month LIST             1-12 or JAN-DEC
        --day-of-week LIST       MON-SUN or 0-7, e.g. MON-FRI
        --day-of-month LIST      1-31, L for the last day, e.g. 1,L
        --time-zone ZONE         an IANA time zone, e.g. Europe/Berlin; default UTC
      """;

  static final String ERROR_FILTERS =
      """

      Filters, each narrowing the errors to those that match:
        --company REALM_ID       the QuickBooks company (realmId)
      """
          + option("--object NAME", wordList(Arrays.stream(SyncObject.values()).map(SyncObject::displayName).toList(), "or"))
          + """
        --direction DIRECTION    QBO_TO_SALESFORCE (or to-salesforce) or SALESFORCE_TO_QBO (or to-qbo)
        --type TYPE              VALIDATION, DUPLICATE, MISSING_PARENT, CONFLICT, AUTH, CONFIGURATION,
                                 RATE_LIMIT, REMOTE_UNAVAILABLE or INVALID_JOB
        --job ID                 the job whose run met the error
      """;

  private Help() {}

  /** "Customer, Item, Invoice (after Customer and Item), Payment (after Customer and Invoice; to Salesforce only)". */
  static String objectsInOrder() {
    return Arrays.stream(SyncObject.values()).map(Help::withRules).collect(Collectors.joining(", "));
  }

  private static String withRules(SyncObject object) {
    List<String> rules = new ArrayList<>();
    if (!object.parents().isEmpty()) {
      rules.add("after " + wordList(object.parents().stream().map(SyncObject::displayName).toList(), "and"));
    }
    if (object.directions().size() == 1) {
      rules.add(object.directions().get(0) == SyncDirection.QBO_TO_SALESFORCE ? "to Salesforce only" : "to QuickBooks only");
    }
    return rules.isEmpty() ? object.displayName() : object.displayName() + " (" + String.join("; ", rules) + ")";
  }

  /** One option's help line, its description wrapped at spaces into the description column. */
  private static String option(String flag, String description) {
    StringBuilder text = new StringBuilder("  " + flag);
    int lineStart = 0;
    boolean firstWord = true;
    for (String word : description.split(" ")) {
      int column = text.length() - lineStart;
      if (firstWord) {
        text.append(" ".repeat(DESCRIPTION_COLUMN - column));
      } else if (column + 1 + word.length() > WIDTH) {
        text.append('\n');
        lineStart = text.length();
        text.append(" ".repeat(DESCRIPTION_COLUMN));
      } else {
        text.append(' ');
      }
      text.append(word);
      firstWord = false;
    }
    return text.append('\n').toString();
  }

  /** "a", "a or b", "a, b or c". */
  private static String wordList(List<String> words, String conjunction) {
    if (words.size() == 1) {
      return words.get(0);
    }
    return String.join(", ", words.subList(0, words.size() - 1)) + " " + conjunction + " " + words.get(words.size() - 1);
  }
}
