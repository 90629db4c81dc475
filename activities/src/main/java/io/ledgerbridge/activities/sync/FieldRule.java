package io.ledgerbridge.activities.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One target field of a mapping, as data: which source paths feed it, how they combine, and the
 * target's length. A later issue loads these from configuration, so rules stay plain values.
 *
 * @param target the target field's API name, e.g. {@code BillingCity}
 * @param sources dotted source paths, e.g. {@code BillAddr.City}
 * @param combine how the source values become one value
 * @param maxLength the target field's length; longer values are cut to it
 * @param required whether a record without a value cannot be written
 */
record FieldRule(String target, List<String> sources, Combine combine, int maxLength, boolean required) {

  FieldRule {
    Objects.requireNonNull(target, "target");
    sources = List.copyOf(sources);
    Objects.requireNonNull(combine, "combine");
    if (sources.isEmpty() || maxLength < 1) {
      throw new IllegalArgumentException("rule " + target + " needs a source and a positive length");
    }
  }

  /** How source values combine into the target value. */
  sealed interface Combine permits Copy, JoinLines, BooleanLabel {}

  /** The first source's text. */
  record Copy() implements Combine {}

  /** The non-blank sources' texts joined by newlines, e.g. address lines into a street. */
  record JoinLines() implements Combine {}

  /** {@code ifTrue} when the first source is true, {@code ifFalse} when false or absent. */
  record BooleanLabel(String ifTrue, String ifFalse) implements Combine {}

  static FieldRule copy(String target, String source, int maxLength) {
    return new FieldRule(target, List.of(source), new Copy(), maxLength, false);
  }

  static FieldRule requiredCopy(String target, String source, int maxLength) {
    return new FieldRule(target, List.of(source), new Copy(), maxLength, true);
  }

  static FieldRule joinLines(String target, List<String> sources, int maxLength) {
    return new FieldRule(target, sources, new JoinLines(), maxLength, false);
  }

  static FieldRule booleanLabel(String target, String source, String ifTrue, String ifFalse, int maxLength) {
    return new FieldRule(target, List.of(source), new BooleanLabel(ifTrue, ifFalse), maxLength, false);
  }

  /** The target value for {@code record}, cut to length; null when the source has none. */
  String apply(JsonNode record) {
    String value;
    if (combine instanceof JoinLines) {
      List<String> lines = new ArrayList<>();
      for (String source : sources) {
        String line = text(at(record, source));
        if (line != null) {
          lines.add(line);
        }
      }
      value = lines.isEmpty() ? null : String.join("\n", lines);
    } else if (combine instanceof BooleanLabel label) {
      value = at(record, sources.get(0)).asBoolean(false) ? label.ifTrue() : label.ifFalse();
    } else {
      value = text(at(record, sources.get(0)));
    }
    return truncate(value, maxLength);
  }

  private static JsonNode at(JsonNode record, String path) {
    JsonNode node = record;
    for (String part : path.split("\\.")) {
      node = node.path(part);
    }
    return node;
  }

  private static String text(JsonNode node) {
    if (node.isMissingNode() || node.isNull() || node.isContainerNode()) {
      return null;
    }
    String text = node.asText().strip();
    return text.isEmpty() ? null : text;
  }

  /** Cuts to {@code max} UTF-16 units without splitting a surrogate pair. */
  static String truncate(String value, int max) {
    if (value == null || value.length() <= max) {
      return value;
    }
    int end = max;
    if (Character.isHighSurrogate(value.charAt(end - 1))) {
      end--;
    }
    return value.substring(0, end);
  }
}
