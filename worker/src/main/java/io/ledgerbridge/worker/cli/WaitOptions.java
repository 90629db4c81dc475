package io.ledgerbridge.worker.cli;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** --wait and --timeout, of 'jobs run' and 'reconcile': whether to wait for the end, and how long at most. */
final class WaitOptions {
  private static final Duration MAX_TIMEOUT = Duration.ofDays(7);

  @Option(names = "--wait", description = "wait for it to end, then print its report")
  boolean wait;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      converter = WaitLimit.class,
      description = "with --wait, give up waiting after this long: seconds, or 90s, 5m, 1h (exit 1; it goes on)")
  Duration timeout;

  /** Refuses --timeout without --wait, which would silently mean nothing. */
  void requireWaitForTimeout() {
    if (timeout != null && !wait) {
      throw CliException.usage("--timeout goes with --wait");
    }
  }

  /** A wait limit: seconds, or with a unit, 90s, 5m, 1h; at most a week. */
  static final class WaitLimit implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String given) {
      String value = given.trim().toLowerCase(Locale.ROOT);
      long unit = 1;
      if (value.endsWith("s") || value.endsWith("m") || value.endsWith("h")) {
        unit = value.endsWith("h") ? 3600 : value.endsWith("m") ? 60 : 1;
        value = value.substring(0, value.length() - 1);
      }
      long amount;
      try {
        amount = Long.parseLong(value);
      } catch (NumberFormatException notNumber) {
        amount = 0;
      }
      if (amount <= 0) {
        throw new TypeConversionException("'" + given + "' is not a positive number of seconds (or 90s, 5m, 1h)");
      }
      if (amount > MAX_TIMEOUT.toSeconds() / unit) {
        throw new TypeConversionException("'" + given + "' is too long; wait at most 168h (a week)");
      }
      return Duration.ofSeconds(amount * unit);
    }
  }
}
