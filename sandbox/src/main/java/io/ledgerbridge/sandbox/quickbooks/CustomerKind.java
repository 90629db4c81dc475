package io.ledgerbridge.sandbox.quickbooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Customer rules (reference §3.1): name required and unique, name lengths and characters, derived fields. */
final class CustomerKind implements EntityKind {
  private static final List<String> NAME_PARTS = List.of("Title", "GivenName", "MiddleName", "FamilyName", "Suffix");
  private static final int DISPLAY_NAME_MAX = 500;
  private static final int NAME_PART_MAX = 100;
  private static final int TITLE_SUFFIX_MAX = 16;

  @Override
  public String name() {
    return "Customer";
  }

  @Override
  public Set<String> readOnlyFields() {
    return Set.of("FullyQualifiedName", "Balance", "BalanceWithJobs", "Level");
  }

  @Override
  public Set<String> filterableProperties() {
    return Set.of("id", "displayname", "givenname", "middlename", "familyname", "companyname", "fullyqualifiedname",
        "primaryemailaddr", "active", "balance", "job", "metadata.createtime", "metadata.lastupdatedtime");
  }

  @Override
  public boolean queriesActiveOnlyByDefault() {
    return true;
  }

  /**
   * Inactive customers take no part: QBO renames a customer it deactivates ("Name (deleted)"), so its old
   * name is free again. The rename itself is not simulated.
   */
  @Override
  public String uniqueKeyProperty() {
    return "displayname";
  }

  @Override
  public String uniqueKey(ObjectNode node) {
    return node.path("Active").asBoolean(true) ? node.path("DisplayName").asText(null) : null;
  }

  @Override
  public ObjectNode normalize(QboCompany company, ObjectNode candidate, ObjectNode existing) {
    ObjectNode customer = candidate.deepCopy();
    for (String part : NAME_PARTS) {
      int max = part.equals("Title") || part.equals("Suffix") ? TITLE_SUFFIX_MAX : NAME_PART_MAX;
      checkName(customer, part, max);
    }
    String displayName = text(customer, "DisplayName");
    if (displayName == null) {
      displayName = nameFromParts(customer);
      if (displayName == null) {
        // Wording UNCONFIRMED; 2020 is the documented "required parameter" code.
        throw QboFault.requiredParameter("DisplayName");
      }
      customer.put("DisplayName", displayName);
    }
    checkName(customer, "DisplayName", DISPLAY_NAME_MAX);
    customer.put("FullyQualifiedName", displayName);
    putDefault(customer, "PrintOnCheckName", displayName);
    putDefault(customer, "Active", true);
    putDefault(customer, "Job", false);
    putDefault(customer, "BillWithParent", false);
    putDefault(customer, "Taxable", false);
    putDefault(customer, "PreferredDeliveryMethod", "Print");
    if (!customer.has("CurrencyRef")) {
      customer.putObject("CurrencyRef").put("value", "USD").put("name", "United States Dollar");
    }
    numberAddresses(company, customer, existing);
    customer.put("Balance", existing == null ? 0.0 : existing.path("Balance").asDouble());
    customer.put("BalanceWithJobs", existing == null ? 0.0 : existing.path("BalanceWithJobs").asDouble());
    return customer;
  }

  private static void checkName(ObjectNode customer, String field, int max) {
    String value = text(customer, field);
    if (value == null) {
      customer.remove(field);
      return;
    }
    if (value.length() > max) {
      throw QboFault.stringLength(field, max, value.length());
    }
    if (value.indexOf(':') >= 0 || value.indexOf('\t') >= 0 || value.indexOf('\n') >= 0) {
      throw QboFault.businessValidation("The " + field + " cannot contain a colon (:), tab or newline.");
    }
  }

  /** DisplayName built from the name parts when the client leaves it out (reference §3.1). */
  private static String nameFromParts(ObjectNode customer) {
    List<String> parts = new ArrayList<>();
    for (String part : NAME_PARTS) {
      String value = text(customer, part);
      if (value != null) {
        parts.add(value);
      }
    }
    return parts.isEmpty() ? null : String.join(" ", parts);
  }

  /** Gives new addresses an Id, as QBO does; an address the client sends back keeps its Id. */
  private static void numberAddresses(QboCompany company, ObjectNode customer, ObjectNode existing) {
    for (String field : List.of("BillAddr", "ShipAddr")) {
      JsonNode address = customer.get(field);
      if (address instanceof ObjectNode addressNode && !addressNode.has("Id")) {
        JsonNode previousId = existing == null ? null : existing.path(field).get("Id");
        addressNode.put("Id", previousId != null ? previousId.asText() : company.nextAddressId());
      }
    }
  }

  private static String text(ObjectNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    String text = value.asText().trim();
    return text.isEmpty() ? null : text;
  }

  private static void putDefault(ObjectNode node, String field, Object value) {
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
