package io.ledgerbridge.worker.api;

import io.ledgerbridge.workflows.catalog.PlainText;

/**
 * Text fields and filters of API requests: bounded by the database column they go to and plain
 * (see {@link PlainText}), checked before anything is stored, looked up or logged.
 */
public final class RequestText {
  private RequestText() {}

  /**
   * The value trimmed.
   *
   * @throws IllegalArgumentException naming the field when it is missing, blank, too long or not plain
   */
  public static String required(String field, String value, int maxLength) {
    String text = optional(field, value, maxLength);
    if (text == null) {
      throw new IllegalArgumentException(field + ": required");
    }
    return text;
  }

  /** Like {@link #required}, but a missing or blank value is null: "no filter". */
  public static String optional(String field, String value, int maxLength) {
    if (value == null) {
      return null;
    }
    // Checked before trimming, which would hide a trailing line break or NUL.
    PlainText.problem(value).ifPresent(problem -> {
      throw new IllegalArgumentException(field + ": " + problem);
    });
    return value.isBlank() ? null : bounded(field, value.trim(), maxLength);
  }

  private static String bounded(String field, String value, int maxLength) {
    if (value.length() > maxLength) {
      throw new IllegalArgumentException(
          field + ": at most " + maxLength + " characters; this one has " + value.length());
    }
    return value;
  }
}
