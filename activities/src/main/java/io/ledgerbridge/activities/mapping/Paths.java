package io.ledgerbridge.activities.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dotted paths into JSON records: {@code BillAddr.City}, {@code Line[0].Amount}, every element with
 * {@code Line[*]}, the elements whose field has a value with {@code LinkedTxn[TxnType=Invoice]}.
 */
public final class Paths {
  private static final Pattern SEGMENT =
      Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(?:\\[(\\*|\\d+|[A-Za-z_][A-Za-z0-9_]*=[^\\]]*)\\])?");

  private Paths() {}

  /** Whether {@code path} is well formed. */
  public static boolean valid(String path) {
    if (path == null || path.isBlank()) {
      return false;
    }
    for (String part : path.split("\\.", -1)) {
      if (!SEGMENT.matcher(part).matches()) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code path} selects one value at most (no {@code [*]} or filter). */
  public static boolean single(String path) {
    return valid(path) && !path.contains("[*]") && !path.contains("=");
  }

  /** Every value the path selects, in document order; missing and null values are left out. */
  public static List<JsonNode> all(JsonNode root, String path) {
    List<JsonNode> current = new ArrayList<>();
    if (root != null) {
      current.add(root);
    }
    for (String part : path.split("\\.")) {
      Matcher m = SEGMENT.matcher(part);
      if (!m.matches()) {
        throw new IllegalArgumentException("not a path: " + path);
      }
      List<JsonNode> next = new ArrayList<>();
      for (JsonNode node : current) {
        JsonNode child = node.get(m.group(1));
        if (child == null || child.isNull()) {
          continue;
        }
        String selector = m.group(2);
        if (selector == null) {
          next.add(child);
        } else if (child.isArray()) {
          select((ArrayNode) child, selector, next);
        }
      }
      current = next;
    }
    return current;
  }

  /** The first value the path selects, or null. */
  public static JsonNode first(JsonNode root, String path) {
    List<JsonNode> values = all(root, path);
    return values.isEmpty() ? null : values.get(0);
  }

  /** Sets a value at a plain dotted path, creating the objects on the way. */
  public static void set(ObjectNode root, String path, JsonNode value) {
    if (!single(path) || path.contains("[")) {
      throw new IllegalArgumentException("cannot write to " + path + ": give a plain dotted path");
    }
    String[] parts = path.split("\\.");
    ObjectNode node = root;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode child = node.get(parts[i]);
      if (!(child instanceof ObjectNode)) {
        child = node.putObject(parts[i]);
      }
      node = (ObjectNode) child;
    }
    node.set(parts[parts.length - 1], value);
  }

  private static void select(ArrayNode array, String selector, List<JsonNode> into) {
    if (selector.equals("*")) {
      array.forEach(into::add);
    } else if (selector.contains("=")) {
      String field = selector.substring(0, selector.indexOf('='));
      String wanted = selector.substring(selector.indexOf('=') + 1);
      for (JsonNode element : array) {
        if (wanted.equals(element.path(field).asText(null))) {
          into.add(element);
        }
      }
    } else {
      int index = Integer.parseInt(selector);
      if (index < array.size()) {
        into.add(array.get(index));
      }
    }
  }
}
