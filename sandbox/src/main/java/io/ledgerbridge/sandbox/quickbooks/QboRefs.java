package io.ledgerbridge.sandbox.quickbooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.http.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Helpers shared by the entity rules: references ({@code {"value","name"}}) and money amounts. */
final class QboRefs {

  private QboRefs() {}

  /**
   * Resolves a required reference: missing gives 2020, unknown 2500, inactive 610 (QBO's "made inactive"
   * wording), as the reference's code table describes them.
   */
  static ObjectNode require(QboCompany company, JsonNode ref, String entity, String element) {
    String id = ref == null || ref.isNull() ? null : ref.isObject() ? ref.path("value").asText(null) : ref.asText(null);
    if (id == null || id.isBlank()) {
      throw QboFault.requiredParameter(element);
    }
    ObjectNode target = company.table(entity).get(id);
    if (target == null) {
      throw QboFault.invalidReference(element, id);
    }
    if (!target.path("Active").asBoolean(true)) {
      throw QboFault.objectNotFound(entity, id);
    }
    return target;
  }

  /** A reference to a row, named the way QBO names it in responses. */
  static ObjectNode refTo(ObjectNode target, String nameField) {
    ObjectNode ref = Json.object();
    ref.put("value", target.get("Id").asText());
    ref.put("name", target.path(nameField).asText());
    return ref;
  }

  static BigDecimal money(JsonNode node) {
    return node == null || node.isNull() ? null : new BigDecimal(node.asText()).setScale(2, RoundingMode.HALF_UP);
  }

  static BigDecimal moneyOrZero(JsonNode node) {
    BigDecimal value = money(node);
    return value == null ? BigDecimal.ZERO.setScale(2) : value;
  }

  /** Reads a number the client sent, refusing text that is not one. */
  static BigDecimal number(JsonNode node, String element) {
    if (node == null || node.isNull()) {
      return null;
    }
    try {
      return new BigDecimal(node.asText());
    } catch (NumberFormatException e) {
      throw QboFault.invalidRequest(element);
    }
  }

  /** A date field ({@code yyyy-MM-dd}, a longer date-time is cut to its date), or the fallback when absent. */
  static java.time.LocalDate date(ObjectNode node, String field, java.time.LocalDate fallback) {
    String text = node.path(field).asText("");
    if (text.isEmpty()) {
      return fallback;
    }
    try {
      return java.time.LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
    } catch (java.time.format.DateTimeParseException e) {
      throw QboFault.invalidRequest(field);
    }
  }

  /** A line of an entity's Line array, which must be a JSON object. */
  static ObjectNode lineObject(JsonNode line) {
    if (!(line instanceof ObjectNode object)) {
      throw QboFault.invalidRequest("Line: each line must be an object");
    }
    return object.deepCopy();
  }

  /** QBO writes amounts as JSON numbers such as {@code 150.0}. */
  static void putMoney(ObjectNode node, String field, BigDecimal amount) {
    node.put(field, amount.setScale(2, RoundingMode.HALF_UP).doubleValue());
  }
}
