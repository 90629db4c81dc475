package io.ledgerbridge.sandbox.quickbooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.http.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Runs a {@link QboQuery} against a company and renders the {@code QueryResponse} object. */
final class QboQueryExecutor {

  private QboQueryExecutor() {}

  /**
   * The {@code QueryResponse} object (without the outer envelope). Rows are visited in Id order, or in
   * LastUpdatedTime order for the incremental-sync pattern ({@code ORDERBY MetaData.LastUpdatedTime}), and
   * a seeded row is only built when a condition or the page needs more than its timestamp.
   */
  static ObjectNode execute(QboCompany company, QboQuery query) {
    EntityTable table = company.table(query.entity());
    if (table == null || !table.kind().name().equalsIgnoreCase(query.entity())) {
      throw QboFault.queryValidation("Invalid entity name '" + query.entity() + "'");
    }
    EntityKind kind = table.kind();
    Predicate<EntityTable.RowRef> filter = filter(kind, query);
    ObjectNode response = Json.object();
    boolean byLastUpdated = query.orderBy().size() == 1 && query.orderBy().get(0).property().equals(LAST_UPDATED)
        && !query.orderBy().get(0).descending();
    Stream<EntityTable.RowRef> candidates = candidatesByKey(table, query);
    boolean sortHere = !query.orderBy().isEmpty() && (!byLastUpdated || candidates != null);
    if (candidates == null) {
      candidates = byLastUpdated || query.count() ? table.refsByLastUpdated(lowerBoundSecond(query)) : table.refsById();
    }
    Stream<EntityTable.RowRef> refs = candidates.filter(filter);
    if (query.count()) {
      response.put("totalCount", refs.count());
      return response;
    }
    List<ObjectNode> page;
    if (sortHere) {
      page = refs.map(EntityTable.RowRef::node).sorted(order(kind, query.orderBy()))
          .skip(query.startPosition() - 1L).limit(query.maxResults()).toList();
    } else {
      // Skip before building rows: a deep STARTPOSITION must not build every row it passes.
      page = refs.skip(query.startPosition() - 1L).limit(query.maxResults()).map(EntityTable.RowRef::node).toList();
    }
    // The empty-result shape {"QueryResponse":{}} is UNCONFIRMED; it is what clients are written against.
    if (!page.isEmpty()) {
      ArrayNode entities = response.putArray(kind.name());
      page.forEach(entities::add);
      response.put("startPosition", query.startPosition());
      response.put("maxResults", page.size());
    }
    return response;
  }

  private static final String LAST_UPDATED = "metadata.lastupdatedtime";

  /**
   * The few rows an {@code Id = / IN} or unique-key {@code =} condition can match, found directly; null when
   * the query has no such condition. The full filter still runs on them.
   */
  private static Stream<EntityTable.RowRef> candidatesByKey(EntityTable table, QboQuery query) {
    boolean filtersOnActive = query.conditions().stream().anyMatch(c -> c.property().equals("active"));
    for (QboQuery.Condition condition : query.conditions()) {
      if (condition.property().equals("id")
          && (condition.operator() == QboQuery.Operator.EQ || condition.operator() == QboQuery.Operator.IN)) {
        return condition.values().stream().map(table::get).filter(java.util.Objects::nonNull).distinct()
            .map(EntityTable::refOf);
      }
      // Inactive rows hold no unique key, so the key only finds every match when inactive rows are excluded.
      boolean keyCoversMatches = !table.kind().queriesActiveOnlyByDefault() || !filtersOnActive;
      if (condition.operator() == QboQuery.Operator.EQ && keyCoversMatches
          && condition.property().equals(table.kind().uniqueKeyProperty())) {
        Long owner = table.ownerOfUniqueKey(condition.values().get(0));
        ObjectNode row = owner == null ? null : table.get(owner);
        return row == null ? Stream.empty() : Stream.of(EntityTable.refOf(row));
      }
    }
    return null;
  }

  /**
   * The filter over row references. When every condition is on LastUpdatedTime or Active, a pristine
   * seeded row is decided from its timestamp alone (seeded rows are active), so no row is built just to
   * be skipped; any other row is tested in full.
   */
  private static Predicate<EntityTable.RowRef> filter(EntityKind kind, QboQuery query) {
    boolean filtersOnActive = false;
    boolean cheap = true;
    Predicate<ObjectNode> full = row -> true;
    Predicate<EntityTable.RowRef> timestamps = ref -> true;
    boolean seededRowsMatchActive = true;
    for (QboQuery.Condition condition : query.conditions()) {
      requireFilterable(kind, condition.property());
      if (condition.property().equals("id")
          && condition.operator() != QboQuery.Operator.EQ && condition.operator() != QboQuery.Operator.IN) {
        throw QboFault.queryValidation("Property Id supports only the operators = and IN");
      }
      Predicate<ObjectNode> matcher = matcher(condition);
      full = full.and(matcher);
      if (condition.property().equals("active")) {
        filtersOnActive = true;
        seededRowsMatchActive &= matcher.test(SEEDED_ROW_FACTS);
      } else if (condition.property().equals(LAST_UPDATED) && condition.operator() != QboQuery.Operator.LIKE) {
        timestamps = timestamps.and(timestampMatcher(condition));
      } else {
        cheap = false;
      }
    }
    Predicate<ObjectNode> rowFilter = kind.queriesActiveOnlyByDefault() && !filtersOnActive
        ? full.and(row -> row.path("Active").asBoolean(true)) : full;
    if (!cheap) {
      return ref -> rowFilter.test(ref.node());
    }
    boolean activeOk = seededRowsMatchActive;
    Predicate<EntityTable.RowRef> byTimestamp = timestamps;
    return ref -> ref.pristineSeed() ? activeOk && byTimestamp.test(ref) : rowFilter.test(ref.node());
  }

  /** What is known of every pristine seeded row without building it: it is active. */
  private static final ObjectNode SEEDED_ROW_FACTS = Json.object().put("Active", true);

  private static Predicate<EntityTable.RowRef> timestampMatcher(QboQuery.Condition condition) {
    List<Instant> literals = condition.values().stream().map(literal -> {
      Instant instant = QboTime.parseDateTime(literal);
      if (instant == null) {
        throw QboFault.queryParser("Invalid date/time value '" + literal + "' for " + condition.property());
      }
      return instant;
    }).toList();
    return ref -> {
      Instant stored = Instant.ofEpochSecond(ref.lastUpdatedSecond());
      for (Instant literal : literals) {
        int comparison = stored.compareTo(literal);
        boolean matches = switch (condition.operator()) {
          case EQ, IN -> comparison == 0;
          case LT -> comparison < 0;
          case GT -> comparison > 0;
          case LE -> comparison <= 0;
          case GE -> comparison >= 0;
          case LIKE -> false;
        };
        if (matches) {
          return true;
        }
      }
      return false;
    };
  }

  /** The earliest LastUpdatedTime second a row can have and still match, from >=, > and = conditions. */
  private static long lowerBoundSecond(QboQuery query) {
    long bound = 0;
    for (QboQuery.Condition condition : query.conditions()) {
      if (condition.property().equals(LAST_UPDATED) && condition.values().size() == 1
          && (condition.operator() == QboQuery.Operator.GE || condition.operator() == QboQuery.Operator.GT
          || condition.operator() == QboQuery.Operator.EQ)) {
        Instant literal = QboTime.parseDateTime(condition.values().get(0));
        if (literal != null) {
          bound = Math.max(bound, literal.getEpochSecond());
        }
      }
    }
    return bound;
  }

  private static void requireFilterable(EntityKind kind, String property) {
    if (!kind.filterableProperties().contains(property)) {
      throw QboFault.queryValidation("property '" + property + "' is not queryable");
    }
  }

  private static Predicate<ObjectNode> matcher(QboQuery.Condition condition) {
    String property = condition.property();
    if (condition.operator() == QboQuery.Operator.LIKE) {
      Pattern pattern = likePattern(condition.values().get(0));
      return row -> {
        JsonNode value = resolve(row, property);
        return value != null && pattern.matcher(value.asText()).matches();
      };
    }
    return row -> {
      JsonNode value = resolve(row, property);
      if (value == null) {
        return false;
      }
      for (String literal : condition.values()) {
        int comparison = compare(property, value, literal);
        boolean matches = switch (condition.operator()) {
          case EQ, IN -> comparison == 0;
          case LT -> comparison < 0;
          case GT -> comparison > 0;
          case LE -> comparison <= 0;
          case GE -> comparison >= 0;
          case LIKE -> throw new IllegalStateException("LIKE handled above");
        };
        if (matches) {
          return true;
        }
      }
      return false;
    };
  }

  /**
   * Compares a stored value with a query literal by the stored value's type: instants for MetaData times,
   * numbers, booleans, otherwise text ignoring case (QBO name matching is case-insensitive; UNCONFIRMED for
   * every property).
   */
  private static int compare(String property, JsonNode value, String literal) {
    if (property.startsWith("metadata.")) {
      Instant stored = QboTime.parseDateTime(value.asText());
      Instant wanted = QboTime.parseDateTime(literal);
      if (wanted == null) {
        throw QboFault.queryParser("Invalid date/time value '" + literal + "' for " + property);
      }
      return stored.compareTo(wanted);
    }
    if (value.isNumber() || property.equals("id")) {
      try {
        return new BigDecimal(value.asText()).compareTo(new BigDecimal(literal));
      } catch (NumberFormatException e) {
        return value.asText().compareToIgnoreCase(literal);
      }
    }
    if (value.isBoolean()) {
      return Boolean.compare(value.asBoolean(), Boolean.parseBoolean(literal));
    }
    return value.asText().compareToIgnoreCase(literal);
  }

  /** LIKE has one wildcard, {@code %}; everything else matches literally. */
  private static Pattern likePattern(String like) {
    StringBuilder regex = new StringBuilder();
    String[] parts = like.split("%", -1);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        regex.append(".*");
      }
      if (!parts[i].isEmpty()) {
        regex.append(Pattern.quote(parts[i]));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  }

  private static Comparator<ObjectNode> order(EntityKind kind, List<QboQuery.Order> orders) {
    Comparator<ObjectNode> comparator = null;
    for (QboQuery.Order order : orders) {
      requireFilterable(kind, order.property());
      Comparator<ObjectNode> next = Comparator.comparing(row -> sortKey(order.property(), resolve(row, order.property())),
          Comparator.nullsFirst(Comparator.<Comparable<Object>>naturalOrder()));
      if (order.descending()) {
        next = next.reversed();
      }
      comparator = comparator == null ? next : comparator.thenComparing(next);
    }
    return comparator.thenComparing(row -> row.get("Id").asLong());
  }

  @SuppressWarnings("unchecked")
  private static Comparable<Object> sortKey(String property, JsonNode value) {
    if (value == null) {
      return null;
    }
    Comparable<?> key;
    if (property.startsWith("metadata.")) {
      key = QboTime.parseDateTime(value.asText());
    } else if (value.isNumber() || property.equals("id")) {
      key = new BigDecimal(value.asText());
    } else if (value.isBoolean()) {
      key = value.asBoolean();
    } else {
      key = value.asText().toLowerCase(Locale.ROOT);
    }
    return (Comparable<Object>) key;
  }

  /**
   * The value at a dotted, case-insensitive path. A reference or contact object stands for its key value:
   * {@code CustomerRef} for its {@code value}, {@code PrimaryEmailAddr} for its {@code Address}.
   */
  static JsonNode resolve(JsonNode row, String dottedLowercase) {
    JsonNode current = row;
    for (String segment : dottedLowercase.split("\\.")) {
      current = fieldIgnoreCase(current, segment);
      if (current == null || current.isNull()) {
        return null;
      }
    }
    if (current.isObject()) {
      for (String key : List.of("value", "Address", "FreeFormNumber", "URI")) {
        if (current.hasNonNull(key)) {
          return current.get(key);
        }
      }
      return null;
    }
    return current;
  }

  private static JsonNode fieldIgnoreCase(JsonNode node, String name) {
    if (!node.isObject()) {
      return null;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (field.getKey().equalsIgnoreCase(name)) {
        return field.getValue();
      }
    }
    return null;
  }
}
