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

  /** QBO writes amounts as JSON numbers such as {@code 150.0}. */
  static void putMoney(ObjectNode node, String field, BigDecimal amount) {
    node.put(field, amount.setScale(2, RoundingMode.HALF_UP).doubleValue());
  }
}
