package io.ledgerbridge.activities.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * The timestamps the sync compares: QBO's {@code MetaData.LastUpdatedTime} (ISO with offset, whole
 * seconds) and Salesforce's {@code SystemModstamp} ({@code 2013-05-20T20:49:32.000+0000}).
 */
final class Times {
  private static final DateTimeFormatter SALESFORCE =
      new DateTimeFormatterBuilder()
          .appendPattern("yyyy-MM-dd'T'HH:mm:ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .appendPattern("[XXX][XX][X]")
          .toFormatter();
  private static final DateTimeFormatter QBO_CURSOR =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter SOQL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Times() {}

  static String qboLastUpdated(JsonNode record) {
    JsonNode value = record.path("MetaData").path("LastUpdatedTime");
    return value.isTextual() ? value.asText() : null;
  }

  static Instant qbo(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalStateException("QuickBooks sent an unreadable LastUpdatedTime: " + text, e);
    }
  }

  /**
   * The later of a QuickBooks cursor (null when there is none) and {@code instant}, as a cursor:
   * {@code instant} is written as QuickBooks writes times, whole seconds with an offset.
   */
  static String qboLater(String cursor, Instant instant) {
    if (cursor != null && !qbo(cursor).isBefore(instant)) {
      return cursor;
    }
    return QBO_CURSOR.format(instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
  }

  static Instant salesforce(String text) {
    try {
      return OffsetDateTime.parse(text, SALESFORCE).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalStateException("Salesforce sent an unreadable timestamp: " + text, e);
    }
  }

  /** A record's SystemModstamp, or null when it was not selected. */
  static Instant modstamp(JsonNode record) {
    JsonNode value = record.get("SystemModstamp");
    return value == null || value.isNull() ? null : salesforce(value.asText());
  }

  /** The later of two instants, either of which may be null. */
  static Instant latest(Instant a, Instant b) {
    return a == null ? b : b == null || a.isAfter(b) ? a : b;
  }

  /** The earlier of two instants, neither null. */
  static Instant earliest(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  /** A SOQL datetime literal, e.g. {@code 2026-11-26T10:00:00.000Z}. */
  static String soql(Instant instant) {
    return SOQL.format(instant);
  }
}
