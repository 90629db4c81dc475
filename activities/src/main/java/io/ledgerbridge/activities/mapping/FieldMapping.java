package io.ledgerbridge.activities.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One mapped field, as data: the Salesforce field, the QuickBooks path(s), the directions it flows
 * in, and how a value is made on the way (see {@code default-mappings.yaml} for the keys).
 *
 * @param salesforce the Salesforce field's API name; null for a QuickBooks-only constant
 * @param qbo QuickBooks paths; several are lines joined by newlines (and split again going back), or for another type
 *     than text alternatives, the first with a value (to Salesforce only)
 * @param directions the directions this field flows in
 * @param reference the parent object whose id the value is, or null
 * @param length the Salesforce field's length, or null to learn it from describe
 * @param qboLength the QuickBooks field's length, or null for none
 * @param createOnly written only when the record is created (in either system), and not part of its content after
 * @param origin where the field was defined ("file, line n"), for messages
 */
public record FieldMapping(
    String salesforce,
    List<String> qbo,
    Set<SyncDirection> directions,
    ValueType type,
    SyncObject reference,
    boolean required,
    Integer length,
    Integer qboLength,
    List<String> transforms,
    Map<String, String> map,
    Map<String, String> reverseMap,
    String defaultValue,
    String constant,
    String template,
    String function,
    boolean createOnly,
    String origin) {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]+)}");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  public FieldMapping {
    qbo = qbo == null ? List.of() : List.copyOf(qbo);
    directions = Set.copyOf(directions);
    transforms = transforms == null ? List.of() : List.copyOf(transforms);
    map = map == null ? Map.of() : Map.copyOf(map);
    reverseMap = reverseMap == null ? Map.of() : Map.copyOf(reverseMap);
    Objects.requireNonNull(type, "type");
  }

  public boolean flows(SyncDirection direction) {
    return directions.contains(direction);
  }

  /** What a field is called in messages: its Salesforce name, else its QuickBooks path. */
  public String name() {
    return salesforce != null ? salesforce : String.join("+", qbo);
  }

  /** The Salesforce fields a SOQL query must select for this field going to QuickBooks. */
  public Set<String> salesforceFieldsRead() {
    Set<String> fields = new LinkedHashSet<>();
    if (constant != null) {
      return fields;
    }
    if (template != null) {
      for (String path : placeholders()) {
        if (!path.startsWith("parent.")) {
          fields.add(path);
        }
      }
      return fields;
    }
    if (salesforce != null) {
      fields.add(salesforce);
    }
    return fields;
  }

  /** The template's placeholder paths. */
  public List<String> placeholders() {
    return template == null ? new ArrayList<>() : placeholders(template);
  }

  /** The placeholder paths of a template, {@code {parent.}} prefixes kept. */
  static List<String> placeholders(String template) {
    List<String> paths = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) {
      paths.add(m.group(1).trim());
    }
    return paths;
  }

  /** The QuickBooks ids of parents this field references in a QuickBooks record (all of them). */
  public List<String> qboReferenceIds(JsonNode record) {
    List<String> ids = new ArrayList<>();
    if (reference == null || qbo.isEmpty()) {
      return ids;
    }
    for (JsonNode value : Paths.all(record, qbo.get(0))) {
      String text = text(value);
      if (text != null && !ids.contains(text)) {
        ids.add(text);
      }
    }
    return ids;
  }

  /** The Salesforce id of the parent this field references in a Salesforce record, or null. */
  public String salesforceReferenceId(JsonNode record) {
    return reference == null || salesforce == null ? null : text(record.get(salesforce));
  }

  /**
   * The Salesforce value for a QuickBooks record.
   *
   * @param parent the header record when {@code record} is a line, else null
   * @throws MappingValueException when the value cannot be made (a reference not resolvable is
   *     reported by the caller before this is called)
   */
  public JsonNode toSalesforce(JsonNode record, JsonNode parent, References references) {
    String text;
    if (constant != null) {
      text = constant;
    } else if (template != null) {
      text = render(record, parent);
    } else if (function != null) {
      text = Functions.apply(function, record);
    } else if (qbo.size() > 1 && type != ValueType.TEXT) {
      text = qbo.stream().map(path -> text(Paths.first(record, path))).filter(Objects::nonNull).findFirst().orElse(null);
    } else if (qbo.size() > 1) {
      List<String> lines = new ArrayList<>();
      for (String path : qbo) {
        String line = text(Paths.first(record, path));
        if (line != null) {
          lines.add(transforms.contains("trim") ? line.strip() : line);
        }
      }
      text = lines.isEmpty() ? null : String.join("\n", lines);
    } else {
      text = text(Paths.first(record, qbo.get(0)));
    }
    if (reference != null && text != null) {
      text = references.targetId(reference, text);
    }
    return finish(text, map, length, SyncDirection.QBO_TO_SALESFORCE);
  }

  /**
   * The QuickBooks values (path and value) for a Salesforce record: one pair, several for lines
   * joined into one Salesforce field, none when there is no value.
   */
  public List<Map.Entry<String, JsonNode>> toQbo(JsonNode record, JsonNode parent, References references) {
    String text;
    if (constant != null) {
      text = constant;
    } else if (template != null) {
      text = render(record, parent);
    } else {
      text = text(record.get(salesforce));
    }
    if (reference != null && text != null) {
      text = references.targetId(reference, text);
    }
    List<Map.Entry<String, JsonNode>> values = new ArrayList<>();
    if (qbo.size() > 1) {
      if (text == null) {
        return values;
      }
      String[] lines = text.split("\\r?\\n");
      for (int i = 0; i < qbo.size() && i < lines.length; i++) {
        String line = i == qbo.size() - 1 ? String.join(" ", java.util.Arrays.copyOfRange(lines, i, lines.length)) : lines[i];
        JsonNode value = finish(line, Map.of(), qboLength, SyncDirection.SALESFORCE_TO_QBO);
        if (!value.isNull()) {
          values.add(Map.entry(qbo.get(i), value));
        }
      }
      return values;
    }
    Map<String, String> reverse = reverseMap.isEmpty() ? invert(map) : reverseMap;
    JsonNode value = finish(text, reverse, qboLength, SyncDirection.SALESFORCE_TO_QBO);
    if (!value.isNull()) {
      values.add(Map.entry(qbo.get(0), value));
    }
    return values;
  }

  private JsonNode finish(String text, Map<String, String> valueMap, Integer maxLength, SyncDirection direction) {
    if (text != null && transforms.contains("trim")) {
      text = text.strip();
    }
    if (text != null && text.isEmpty()) {
      text = null;
    }
    if (text != null && !valueMap.isEmpty()) {
      String mapped = valueMap.get(text);
      text = mapped != null ? mapped : defaultValue != null ? defaultValue : text;
    }
    if (text == null) {
      text = defaultValue;
    }
    if (text == null) {
      return NODES.nullNode();
    }
    if (transforms.contains("upper")) {
      text = text.toUpperCase(Locale.ROOT);
    }
    if (transforms.contains("lower")) {
      text = text.toLowerCase(Locale.ROOT);
    }
    return switch (type) {
      case TEXT -> NODES.textNode(transforms.contains("truncate") && maxLength != null ? truncate(text, maxLength) : text);
      case NUMBER -> NODES.numberNode(number(text, direction));
      case BOOLEAN -> NODES.booleanNode(bool(text, direction));
      case DATE -> NODES.textNode(date(text, direction));
    };
  }

  private BigDecimal number(String text, SyncDirection direction) {
    try {
      return new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      throw new MappingValueException(name() + ": '" + text + "' is not a number (" + direction + ")");
    }
  }

  private boolean bool(String text, SyncDirection direction) {
    String lower = text.trim().toLowerCase(Locale.ROOT);
    if (lower.equals("true") || lower.equals("false")) {
      return Boolean.parseBoolean(lower);
    }
    throw new MappingValueException(name() + ": '" + text + "' is not true or false (" + direction + ")");
  }

  private String date(String text, SyncDirection direction) {
    String day = text.length() >= 10 ? text.substring(0, 10) : text;
    try {
      return LocalDate.parse(day).toString();
    } catch (DateTimeParseException e) {
      throw new MappingValueException(name() + ": '" + text + "' is not a date yyyy-MM-dd (" + direction + ")");
    }
  }

  private String render(JsonNode record, JsonNode parent) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    boolean any = false;
    while (m.find()) {
      String path = m.group(1).trim();
      JsonNode value =
          path.startsWith("parent.") ? Paths.first(parent, path.substring("parent.".length())) : Paths.first(record, path);
      String text = text(value);
      any |= text != null;
      m.appendReplacement(out, Matcher.quoteReplacement(text == null ? "" : text));
    }
    m.appendTail(out);
    String rendered = out.toString().strip();
    return any || placeholders().isEmpty() ? rendered : null;
  }

  static Map<String, String> invert(Map<String, String> map) {
    Map<String, String> inverse = new java.util.HashMap<>();
    map.forEach((k, v) -> inverse.putIfAbsent(v, k));
    return inverse;
  }

  /** A scalar's text, null for missing, null, empty and container values. */
  static String text(JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull() || node.isContainerNode()) {
      return null;
    }
    String text = node.isBigDecimal() || node.isDouble() || node.isFloat() ? plain(node.decimalValue()) : node.asText();
    return text.isEmpty() ? null : text;
  }

  private static String plain(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0).toPlainString() : stripped.toPlainString();
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
