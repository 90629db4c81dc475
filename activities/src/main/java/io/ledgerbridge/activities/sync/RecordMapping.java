package io.ledgerbridge.activities.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * How one QBO entity becomes one Salesforce record: the target type, the external id that links
 * them ({@code {realmId}-{qboId}}), and the field rules. A field whose source is empty is sent as
 * null, so a value removed in QBO is removed in Salesforce too.
 *
 * @param sourceCondition a WHERE condition every source query carries, or null; QBO returns only
 *     active name-list entities (Customer, Item, ...) unless a query names {@code Active}, and a
 *     deactivation must reach the target too
 */
record RecordMapping(
    String sourceEntity, String sourceCondition, String targetType, String externalIdField, List<FieldRule> rules) {

  RecordMapping {
    rules = List.copyOf(rules);
  }

  /**
   * QBO Customer to Salesforce Account; lengths are the Account fields' lengths (standard fields per
   * Salesforce's field reference, QBO_Sync_Status__c per src/salesforce/objects/Account.object).
   */
  static final RecordMapping CUSTOMER_TO_ACCOUNT =
      new RecordMapping(
          "Customer",
          "Active IN (true, false)",
          "Account",
          "QBO_Id__c",
          List.of(
              FieldRule.requiredCopy("Name", "DisplayName", 255),
              FieldRule.joinLines(
                  "BillingStreet",
                  List.of("BillAddr.Line1", "BillAddr.Line2", "BillAddr.Line3", "BillAddr.Line4", "BillAddr.Line5"),
                  255),
              FieldRule.copy("BillingCity", "BillAddr.City", 40),
              FieldRule.copy("BillingState", "BillAddr.CountrySubDivisionCode", 80),
              FieldRule.copy("BillingPostalCode", "BillAddr.PostalCode", 20),
              FieldRule.copy("BillingCountry", "BillAddr.Country", 80),
              FieldRule.copy("Phone", "PrimaryPhone.FreeFormNumber", 40),
              FieldRule.copy("Website", "WebAddr.URI", 255),
              FieldRule.booleanLabel("QBO_Sync_Status__c", "Active", "Active", "Inactive", 40)));

  /** The external id of a QBO record: unique across companies. */
  static String externalId(String realmId, String qboId) {
    return realmId + "-" + qboId;
  }

  /** Maps a source record; the result says which required fields had no value. */
  Mapped map(String realmId, JsonNode source) {
    ObjectNode fields = JsonNodeFactory.instance.objectNode();
    String qboId = source.path("Id").asText();
    fields.put(externalIdField, externalId(realmId, qboId));
    List<String> missing = new ArrayList<>();
    for (FieldRule rule : rules) {
      String value = rule.apply(source);
      if (value == null && rule.required()) {
        missing.add(rule.target() + " (from " + String.join(", ", rule.sources()) + ")");
      }
      fields.put(rule.target(), value);
    }
    return new Mapped(fields, hash(fields), List.copyOf(missing));
  }

  /**
   * A mapped record and the SHA-256 of its content: equal hashes mean the target already holds
   * exactly this content. Fields are hashed in rule order, so a changed mapping changes the hash
   * and re-syncs the records.
   */
  record Mapped(ObjectNode fields, String hash, List<String> missingRequired) {}

  private static String hash(ObjectNode fields) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      fields.fields().forEachRemaining(field -> {
        digest.update(field.getKey().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        JsonNode value = field.getValue();
        digest.update(value.isNull() ? new byte[] {1} : ("=" + value.asText()).getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
      });
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
