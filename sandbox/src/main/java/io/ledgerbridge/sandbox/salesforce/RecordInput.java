package io.ledgerbridge.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a JSON record body into typed field values, enforcing what Salesforce checks on the way in:
 * known fields, writable fields, JSON types, lengths and formats. Checks that need stored data
 * (required fields, uniqueness, lookups) are the org's.
 */
final class RecordInput {
  enum Mode { CREATE, UPDATE }

  /** Finds the id of the parent named by an External ID, for {@code "Account__r": {"QBO_Id__c": "..."}}. */
  @FunctionalInterface
  interface ForeignKeys {
    String resolve(SObjectType parentType, String externalIdField, String value);
  }

  private static final DateTimeFormatter SALESFORCE_OFFSET = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS]xx");

  private RecordInput() {}

  /**
   * @param forbidden fields that may not appear even though they exist (upsert: Id and the external-ID
   *                  field), by lowercase name
   */
  static Map<String, Object> parse(SObjectType type, ObjectNode body, Mode mode, Set<String> forbidden,
      ForeignKeys foreignKeys, SalesforceSchema schema) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String name = entry.getKey();
      if (name.equals("attributes")) {
        continue;
      }
      FieldDef field = type.field(name);
      if (field == null) {
        FieldDef lookup = lookupByRelationship(type, name);
        if (lookup != null && entry.getValue().isObject()) {
          values.put(lookup.name(), parentId(lookup, entry.getValue(), foreignKeys, schema));
          continue;
        }
        throw SalesforceException.invalidField("No such column '" + name + "' on sobject of type " + type.name(), null);
      }
      if (forbidden.contains(field.name().toLowerCase(Locale.ROOT))) {
        throw SalesforceException.invalidField("The " + field.name() + " field should not be specified in the sobject data.",
            List.of(field.name()));
      }
      if (field.name().equals("Id")) {
        if (mode == Mode.CREATE) {
          throw SalesforceException.invalidField("The Id field should not be specified in the sobject data.", null);
        }
        continue;
      }
      if (mode == Mode.CREATE ? !field.createable() : !field.updateable()) {
        throw new SalesforceException(400, "INVALID_FIELD_FOR_INSERT_UPDATE", "Unable to create/update fields: "
            + field.name() + ". Please check the security settings of this field and verify that it is read/write for "
            + "your profile or permission set.", List.of(field.name()));
      }
      values.put(field.name(), convert(field, entry.getValue()));
    }
    return values;
  }

  private static FieldDef lookupByRelationship(SObjectType type, String relationship) {
    for (FieldDef field : type.fields()) {
      if (field.type() == FieldType.REFERENCE && relationship.equalsIgnoreCase(field.relationshipName())) {
        return field;
      }
    }
    return null;
  }

  /** The parent id for a relationship object holding exactly one External-ID field and its value. */
  private static String parentId(FieldDef lookup, JsonNode relationship, ForeignKeys foreignKeys, SalesforceSchema schema) {
    SObjectType parentType = schema.type(lookup.referenceTo().get(0));
    Iterator<Map.Entry<String, JsonNode>> fields = relationship.fields();
    Map.Entry<String, JsonNode> key = null;
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> next = fields.next();
      if (!next.getKey().equals("attributes")) {
        if (key != null) {
          throw SalesforceException.invalidField("More than one field provided in the foreign key for " + lookup.name(),
              List.of(lookup.name()));
        }
        key = next;
      }
    }
    if (parentType == null || key == null) {
      throw SalesforceException.invalidField("Invalid foreign key relationship for " + lookup.name(), List.of(lookup.name()));
    }
    return foreignKeys.resolve(parentType, key.getKey(), key.getValue().asText());
  }

  /** Converts one JSON value to the field's type; null and "" (for text) clear the field. */
  static Object convert(FieldDef field, JsonNode json) {
    if (json == null || json.isNull()) {
      return null;
    }
    if (json.isContainerNode()) {
      throw SalesforceException.jsonParser("Cannot deserialize instance of " + field.type().describeName
          + " from " + (json.isArray() ? "START_ARRAY" : "START_OBJECT") + " value for field " + field.name());
    }
    FieldType type = field.type();
    if (type.isText()) {
      if (json.isBoolean()) {
        throw typeMismatch(field, json);
      }
      String text = json.asText();
      if (text.isEmpty()) {
        return null;
      }
      if (text.length() > field.length()) {
        throw new SalesforceException(400, "STRING_TOO_LONG", field.label() + ": data value too large: "
            + abbreviate(text) + " (max length=" + field.length() + ")", List.of(field.name()));
      }
      if (type == FieldType.REFERENCE || type == FieldType.ID) {
        String id = SalesforceIds.normalize(text);
        if (id == null) {
          throw new SalesforceException(400, "MALFORMED_ID", field.label() + ": id value of incorrect type: " + text,
              List.of(field.name()));
        }
        return id;
      }
      if (type == FieldType.PICKLIST && field.restrictedPicklist() && !field.picklistValues().contains(text)) {
        throw new SalesforceException(400, "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", field.label()
            + ": bad value for restricted picklist field: " + text, List.of(field.name()));
      }
      if (type == FieldType.EMAIL && !text.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
        throw new SalesforceException(400, "INVALID_EMAIL_ADDRESS", field.label() + ": invalid email address: " + text,
            List.of(field.name()));
      }
      return text;
    }
    return switch (type) {
      case BOOLEAN -> {
        if (!json.isBoolean()) {
          throw typeMismatch(field, json);
        }
        yield json.asBoolean();
      }
      case DOUBLE, CURRENCY, PERCENT -> {
        try {
          yield new BigDecimal(json.asText());
        } catch (NumberFormatException e) {
          throw typeMismatch(field, json);
        }
      }
      case DATE -> {
        try {
          yield LocalDate.parse(json.asText().length() > 10 ? json.asText().substring(0, 10) : json.asText());
        } catch (DateTimeParseException e) {
          throw typeMismatch(field, json);
        }
      }
      case DATETIME -> {
        Instant instant = parseDateTime(json.asText());
        if (instant == null) {
          throw typeMismatch(field, json);
        }
        yield instant;
      }
      default -> throw new IllegalStateException("unhandled type " + type);
    };
  }

  /** ISO-8601 with offset or Z, or Salesforce's own {@code +0000} form; null when neither. */
  static Instant parseDateTime(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException notIso) {
      try {
        return OffsetDateTime.parse(text, SALESFORCE_OFFSET).toInstant();
      } catch (DateTimeParseException notSalesforce) {
        return null;
      }
    }
  }

  private static SalesforceException typeMismatch(FieldDef field, JsonNode json) {
    String token = json.isTextual() ? "VALUE_STRING" : json.isBoolean() ? "VALUE_" + json.asText().toUpperCase(Locale.ROOT)
        : "VALUE_NUMBER";
    return SalesforceException.jsonParser("Cannot deserialize instance of " + field.type().describeName + " from "
        + token + " value " + json.asText() + " or request may be missing a required field");
  }

  private static String abbreviate(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }
}
