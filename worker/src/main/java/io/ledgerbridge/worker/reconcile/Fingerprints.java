package io.ledgerbridge.worker.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.ledgerbridge.activities.mapping.Paths;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Field values as both systems' JSON carries them, reduced to what they mean and then to 64 bits:
 * a reconciliation keeps a fingerprint per field of each record, never the record.
 */
final class Fingerprints {
  /** What no value (null, missing, empty text) reduces to. */
  static final long NONE = 0L;
  /** What one side gives for a field the sync leaves alone for this record (a Quote's lines QuickBooks keeps). */
  static final long NOT_COMPARED = 1L;
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private Fingerprints() {}

  /**
   * The value as text that is equal when the values mean the same: numbers without trailing zeros
   * (Salesforce answers 25.0 for QuickBooks' 25), empty text as no value.
   */
  static String text(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return null;
    }
    if (value.isNumber()) {
      return value.decimalValue().stripTrailingZeros().toPlainString();
    }
    if (value.isValueNode()) {
      String text = value.asText();
      return text.isEmpty() ? null : text;
    }
    return value.toString();
  }

  /** Whether a stored value means the configured text, e.g. 0.0 means "0". */
  static boolean means(JsonNode stored, String configured) {
    return Objects.equals(text(stored), text(TextNode.valueOf(configured)))
        || stored != null && stored.isNumber() && configured != null && configured.matches("-?\\d+(\\.\\d+)?")
            && stored.decimalValue().compareTo(new BigDecimal(configured)) == 0;
  }

  static long of(JsonNode value) {
    return of(text(value));
  }

  static long of(String text) {
    if (text == null) {
      return NONE;
    }
    long hash = FNV_OFFSET;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= FNV_PRIME;
    }
    return hash == NONE ? 1 : hash;
  }

  /**
   * Child lines as one value: each line's fields as {@code name=value}, the lines in a fixed order,
   * so the same lines in another order are equal.
   */
  static long ofLines(Collection<JsonNode> lines, List<String> fields) {
    return of(lines.stream()
        .map(line -> String.join("\u001f", fields.stream().map(field -> field + "=" + text(at(line, field))).toList()))
        .sorted()
        .reduce((a, b) -> a + "\u001e" + b)
        .orElse(null));
  }

  private static JsonNode at(JsonNode line, String field) {
    return field.contains(".") ? Paths.first(line, field) : line.get(field);
  }
}
