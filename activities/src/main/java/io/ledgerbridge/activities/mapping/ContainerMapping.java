package io.ledgerbridge.activities.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The Salesforce record the sync makes for a QuickBooks record whose Salesforce record needs a parent that no
 * mapping syncs (a Quote needs an Opportunity; an estimate made in QuickBooks has none). It is made only when the
 * record is created in Salesforce, upserted on a key of its own first, so a rerun or a retried attempt finds it
 * instead of making a second; a record linked already (born in Salesforce, or made before) keeps its own.
 * A record in a container the sync made was born in QuickBooks, which keeps its lines: the record goes back to
 * QuickBooks without them (its Salesforce lines are not what QuickBooks holds, e.g. none, or no discount line).
 *
 * @param salesforceObject the container's sObject, e.g. {@code Opportunity}
 * @param field the record's lookup to it, e.g. {@code Quote.OpportunityId}
 * @param externalIdField the container's External ID field
 * @param fields the container's fields, made from the QuickBooks record like the mapping's own
 */
public record ContainerMapping(String salesforceObject, String field, String externalIdField, List<FieldMapping> fields) {

  public ContainerMapping {
    fields = List.copyOf(fields);
  }

  /**
   * The container's key, {@code {realmId}-{Entity}-{Id}}: it names the entity, so it is never the key of a record
   * another mapping syncs to the same sObject ({@code {realmId}-{Id}}, or another entity's).
   */
  public String key(String realmId, String qboEntity, String qboId) {
    return realmId + "-" + qboEntity + "-" + qboId;
  }

  /**
   * The path of the container's key as read with the record, through the lookup's relationship: {@code
   * Opportunity.QBO_Id__c} for {@code OpportunityId}, {@code Deal__r.QBO_Id__c} for a custom {@code Deal__c}.
   */
  public String keyThroughLookup() {
    String relationship = field.endsWith("__c") ? field.substring(0, field.length() - 3) + "__r"
        : field.endsWith("Id") ? field.substring(0, field.length() - 2) : field;
    return relationship + "." + externalIdField;
  }

  /** Whether a Salesforce record read with {@link #keyThroughLookup} sits in a container the sync made for its entity. */
  public boolean holds(JsonNode salesforceRecord, String realmId, String qboEntity) {
    String key = FieldMapping.text(Paths.first(salesforceRecord, keyThroughLookup()));
    return key != null && key.startsWith(key(realmId, qboEntity, ""));
  }

  /** The container for {@code record}, with its key; what cannot be mapped goes to {@code problems}. */
  public ObjectNode toSalesforce(String realmId, String qboEntity, JsonNode record, References references,
      List<String> problems) {
    ObjectNode container = JsonNodeFactory.instance.objectNode();
    container.put(externalIdField, key(realmId, qboEntity, record.path("Id").asText()));
    ObjectMapping.mapInto(container, fields, record, null, references, problems, "its " + salesforceObject + ": ");
    return container;
  }
}
