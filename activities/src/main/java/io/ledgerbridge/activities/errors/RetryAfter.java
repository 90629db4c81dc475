package io.ledgerbridge.activities.errors;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads an HTTP {@code Retry-After} header: delay-seconds or an HTTP-date. */
public final class RetryAfter {
  private static final Duration MAX = Duration.ofHours(1);

  private RetryAfter() {}

  /** The delay the server asked for, or {@code null} when the header is absent or unreadable. */
  public static Duration parse(String header, Clock clock) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String value = header.trim();
    try {
      long seconds = Long.parseLong(value);
      return seconds < 0 ? null : cap(Duration.ofSeconds(seconds));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration delay = Duration.between(clock.instant(), at.toInstant());
        return delay.isNegative() ? Duration.ZERO : cap(delay);
      } catch (DateTimeParseException notDate) {
        return null;
      }
    }
  }

  private static Duration cap(Duration delay) {
    return delay.compareTo(MAX) > 0 ? MAX : delay;
  }
}
