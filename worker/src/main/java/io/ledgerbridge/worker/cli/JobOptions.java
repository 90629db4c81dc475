package io.ledgerbridge.worker.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/**
 * What 'jobs create' and 'jobs update' take: the job's fields and its schedule, either a cron
 * string or fields. Left null when not given, so an update sends only what was given; a list
 * given as '' is empty, which an update reads as "remove this field".
 */
final class JobOptions {
  static final String DIRECTIONS = "QBO_TO_SALESFORCE (or to-salesforce) or SALESFORCE_TO_QBO (or to-qbo)";

  /** The schedule fields' syntax, the footer of both commands' help. */
  static final String SCHEDULE_SYNTAX =
      "%nSchedule: either a 5-field cron string (--cron \"0 3 * * *\"), or fields, each a comma list of values, ranges"
          + " (9-17) or steps (*/15), the option given once or more. A field left out means every value, and for the"
          + " two day fields \"None\"; never both day fields. --time-zone applies to both; default UTC.";

  @Option(names = "--name", paramLabel = "NAME", description = "a unique name; the job's id is derived from it")
  String name;

  @Option(names = "--company", paramLabel = "REALM_ID", description = "the QuickBooks company (realmId)")
  String company;

  @Option(names = "--direction", paramLabel = "DIRECTION", description = DIRECTIONS)
  String direction;

  @Option(
      names = "--objects",
      paramLabel = "LIST",
      split = ",",
      hideParamSyntax = true,
      descriptionKey = CatalogHelp.OBJECTS,
      completionCandidates = CatalogHelp.ObjectNames.class)
  List<String> objects;

  @Option(names = "--file", paramLabel = "FILE", description = "the job as the API's JSON body; options given as well override it")
  Path file;

  @Option(names = "--cron", paramLabel = "CRON", description = "a 5-field cron string, e.g. \"0 3 * * *\"; replaces the fields")
  String cron;

  @Option(names = "--minute", paramLabel = "LIST", split = ",", hideParamSyntax = true, description = "0-59, e.g. 0,30")
  List<String> minute;

  @Option(names = "--hour", paramLabel = "LIST", split = ",", hideParamSyntax = true, description = "0-23")
  List<String> hour;

  @Option(names = "--month", paramLabel = "LIST", split = ",", hideParamSyntax = true, description = "1-12 or JAN-DEC")
  List<String> month;

  @Option(
      names = "--day-of-week",
      paramLabel = "LIST",
      split = ",",
      hideParamSyntax = true,
      description = "MON-SUN or 0-7, e.g. MON-FRI")
  List<String> dayOfWeek;

  @Option(
      names = "--day-of-month",
      paramLabel = "LIST",
      split = ",",
      hideParamSyntax = true,
      description = "1-31, L for the last day, e.g. 1,L")
  List<String> dayOfMonth;

  @Option(names = "--time-zone", paramLabel = "ZONE", description = "an IANA time zone, e.g. Europe/Berlin; default UTC")
  String timeZone;

  /** Whether any option was given: even an empty --file is something to create or change from. */
  boolean givesAnything() {
    return Stream.of(name, company, direction, objects, file, cron, timeZone).anyMatch(value -> value != null) || givesFields();
  }

  /** Whether the schedule changes: a cron string, a field or the zone. */
  boolean changesSchedule() {
    return cron != null || timeZone != null || givesFields();
  }

  boolean givesFields() {
    return Stream.of(minute, hour, month, dayOfWeek, dayOfMonth).anyMatch(field -> field != null);
  }
}
