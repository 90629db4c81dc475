package io.ledgerbridge.sandbox.quickbooks;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * QBO's time formats. QBO renders times in the company's time zone with an offset; the demo companies
 * are in California, like Intuit's own sample company.
 */
final class QboTime {
  static final ZoneId COMPANY_ZONE = ZoneId.of("America/Los_Angeles");
  /** {@code MetaData} times: seconds, no millis, e.g. {@code 2015-07-24T10:35:08-07:00}. */
  private static final DateTimeFormatter METADATA = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");
  /** The envelope's {@code time}: millis, e.g. {@code 2016-01-07T09:19:21.923-08:00}. */
  private static final DateTimeFormatter ENVELOPE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx");

  private final Clock clock;

  QboTime(Clock clock) {
    this.clock = clock;
  }

  /** Now, truncated to seconds since MetaData times carry no millis and stored instants must sort as rendered. */
  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }

  Instant preciseNow() {
    return clock.instant();
  }

  LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), COMPANY_ZONE);
  }

  static String metadata(Instant instant) {
    return METADATA.format(instant.atZone(COMPANY_ZONE));
  }

  String envelopeNow() {
    return ENVELOPE.format(clock.instant().atZone(COMPANY_ZONE));
  }

  /**
   * Parses a date-time as QBO accepts it in queries and CDC: with an offset or {@code Z}, without an offset
   * (company time), or a bare date (company midnight). Returns null when the text is none of these.
   */
  static Instant parseDateTime(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException notOffset) {
      try {
        return LocalDateTime.parse(text).atZone(COMPANY_ZONE).toInstant();
      } catch (DateTimeParseException notLocal) {
        try {
          return LocalDate.parse(text).atStartOfDay(COMPANY_ZONE).toInstant();
        } catch (DateTimeParseException notDate) {
          return null;
        }
      }
    }
  }
}
