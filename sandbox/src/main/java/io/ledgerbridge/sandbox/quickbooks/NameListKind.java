package io.ledgerbridge.sandbox.quickbooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules people-like name-list entities (Customer, Vendor) share in QBO: active rows only in queries
 * that do not name Active, a DisplayName unique among the active rows of all of them (QBO keeps customers,
 * vendors and employees in one list of names, so error 6240 says "Another customer, vendor or employee is
 * already using this name"), the name parts and DisplayName checks, the DisplayName made from the parts,
 * address Ids and defaults.
 */
abstract class NameListKind implements EntityKind {
  private static final List<String> NAME_PARTS = List.of("Title", "GivenName", "MiddleName", "FamilyName", "Suffix");
  private static final int DISPLAY_NAME_MAX = 500;
  private static final int NAME_PART_MAX = 100;
  private static final int TITLE_SUFFIX_MAX = 16;

  @Override
  public boolean queriesActiveOnlyByDefault() {
    return true;
  }

  @Override
  public String uniqueKeyScope() {
    return "names";
  }

  @Override
  public String uniqueKeyProperty() {
    return "displayname";
  }

  @Override
  public String uniqueKey(ObjectNode node) {
    return activeDisplayName(node);
  }

  /**
   * Checks the name parts and the DisplayName, filling the DisplayName from the parts when the client
   * leaves it out (reference §3.1), and returns it.
   */
  static String checkedDisplayName(ObjectNode entity) {
    for (String part : NAME_PARTS) {
      int max = part.equals("Title") || part.equals("Suffix") ? TITLE_SUFFIX_MAX : NAME_PART_MAX;
      checkName(entity, part, max);
    }
    String displayName = text(entity, "DisplayName");
    if (displayName == null) {
      displayName = nameFromParts(entity);
      if (displayName == null) {
        // Wording UNCONFIRMED; 2020 is the documented "required parameter" code.
        throw QboFault.requiredParameter("DisplayName");
      }
      entity.put("DisplayName", displayName);
    }
    checkName(entity, "DisplayName", DISPLAY_NAME_MAX);
    return displayName;
  }

  private static void checkName(ObjectNode entity, String field, int max) {
    String value = text(entity, field);
    if (value == null) {
      entity.remove(field);
      return;
    }
    if (value.length() > max) {
      throw QboFault.stringLength(field, max, value.length());
    }
    if (value.indexOf(':') >= 0 || value.indexOf('\t') >= 0 || value.indexOf('\n') >= 0) {
      throw QboFault.businessValidation("The " + field + " cannot contain a colon (:), tab or newline.");
    }
  }

  private static String nameFromParts(ObjectNode entity) {
    List<String> parts = new ArrayList<>();
    for (String part : NAME_PARTS) {
      String value = text(entity, part);
      if (value != null) {
        parts.add(value);
      }
    }
    return parts.isEmpty() ? null : String.join(" ", parts);
  }

  /**
   * The name that must be unique, null for an inactive entry: QBO renames an entry it deactivates ("Name
   * (deleted)"), so its old name is free again. The rename itself is not simulated.
   */
  static String activeDisplayName(ObjectNode entity) {
    return entity.path("Active").asBoolean(true) ? entity.path("DisplayName").asText(null) : null;
  }

  /** Gives new addresses an Id, as QBO does; an address the client sends back keeps its Id. */
  static void numberAddresses(QboCompany company, ObjectNode entity, ObjectNode existing, List<String> fields) {
    for (String field : fields) {
      JsonNode address = entity.get(field);
      if (address instanceof ObjectNode addressNode && !addressNode.has("Id")) {
        JsonNode previousId = existing == null ? null : existing.path(field).get("Id");
        addressNode.put("Id", previousId != null ? previousId.asText() : company.nextAddressId());
      }
    }
  }

  /** The balance is read-only: a create starts at zero, an update keeps the stored one. */
  static void keepBalance(ObjectNode entity, ObjectNode existing, String field) {
    entity.put(field, existing == null ? 0.0 : existing.path(field).asDouble());
  }

  static String text(ObjectNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    String text = value.asText().trim();
    return text.isEmpty() ? null : text;
  }

  static void putDefault(ObjectNode node, String field, Object value) {
    if (node.hasNonNull(field)) {
      return;
    }
    if (value instanceof Boolean bool) {
      node.put(field, bool);
    } else {
      node.put(field, value.toString());
    }
  }
}
