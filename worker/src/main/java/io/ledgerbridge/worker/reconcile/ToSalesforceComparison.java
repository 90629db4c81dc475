package io.ledgerbridge.worker.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.activities.mapping.FieldMapping;
import io.ledgerbridge.activities.mapping.LineMapping;
import io.ledgerbridge.activities.mapping.Mappings;
import io.ledgerbridge.activities.mapping.ObjectMapping;
import io.ledgerbridge.activities.salesforce.SalesforceClient;
import io.ledgerbridge.activities.store.RecordLinkStore;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A mapping that syncs QuickBooks to Salesforce, compared in Salesforce's terms: each QuickBooks
 * record mapped with {@link ObjectMapping#toSalesforce} (parents resolved through their links),
 * against the Salesforce record's current values, its lines and its standard price.
 */
final class ToSalesforceComparison implements Comparison {
  static final String STANDARD_PRICE = "PricebookEntry.UnitPrice";

  private final String realmId;
  private final ObjectMapping mapping;
  private final Mappings mappings;
  private final RecordLinkStore links;
  private final Reads reads;
  private final List<String> headerFields;
  private final List<String> lineFields;
  private final List<String> fields = new ArrayList<>();

  ToSalesforceComparison(String realmId, ObjectMapping mapping, Mappings mappings, RecordLinkStore links, Reads reads) {
    this.realmId = realmId;
    this.mapping = mapping;
    this.mappings = mappings;
    this.links = links;
    this.reads = reads;
    // Fields given only when the sync makes the record (a Quote's name, a Contact's Primary__c) are Salesforce's after.
    this.headerFields = mapping.fields(SyncDirection.QBO_TO_SALESFORCE).stream().filter(f -> !f.createOnly())
        .map(FieldMapping::salesforce).filter(name -> name != null).distinct().toList();
    LineMapping lines = mapping.lines();
    if (lines != null && lines.externalIdField() != null) {
      List<String> names = new ArrayList<>(List.of(lines.externalIdField()));
      lines.fields().stream().filter(f -> f.flows(SyncDirection.QBO_TO_SALESFORCE) && f.salesforce() != null)
          .forEach(f -> names.add(f.salesforce()));
      this.lineFields = List.copyOf(names);
    } else {
      this.lineFields = List.of();
    }
    fields.addAll(headerFields);
    if (!lineFields.isEmpty()) {
      fields.add(lines.salesforceObject());
    }
    if (mapping.standardPrice() != null) {
      fields.add(STANDARD_PRICE);
    }
  }

  @Override
  public List<String> fields() {
    return fields;
  }

  @Override
  public List<long[]> salesforceSide(List<ObjectNode> page) {
    List<String> ids = page.stream().map(r -> r.path("Id").asText()).toList();
    Map<String, List<JsonNode>> lines = lineRecords(ids);
    Map<String, JsonNode> prices = prices(ids);
    List<long[]> sides = new ArrayList<>();
    for (ObjectNode record : page) {
      String id = record.path("Id").asText();
      long[] prints = fingerprints(record, lines.getOrDefault(id, List.of()), prices.get(id));
      if (!lineFields.isEmpty() && !mapping.linesFromQbo(realmId, record)) {
        prints[headerFields.size()] = Fingerprints.NOT_COMPARED; // a Quote made in Salesforce keeps its own lines
      }
      sides.add(prints);
    }
    return sides;
  }

  @Override
  public List<long[]> quickBooksSide(List<ObjectNode> page) {
    Map<SyncObject, Map<String, String>> parents = parentLinks(page);
    List<long[]> sides = new ArrayList<>();
    for (ObjectNode record : page) {
      ObjectMapping.ToSalesforce mapped = mapping.toSalesforce(realmId, record,
          (parent, qboId) -> parents.getOrDefault(parent, Map.of()).get(qboId));
      sides.add(fingerprints(mapped.fields(), new ArrayList<>(mapped.lines()),
          mapped.price() == null ? null : JsonNodeFactory.instance.numberNode(mapped.price())));
    }
    return sides;
  }

  private long[] fingerprints(JsonNode header, List<JsonNode> lines, JsonNode price) {
    long[] prints = new long[fields.size()];
    int i = 0;
    for (String field : headerFields) {
      prints[i++] = Fingerprints.of(header.get(field));
    }
    if (!lineFields.isEmpty()) {
      prints[i++] = Fingerprints.ofLines(lines, lineFields);
    }
    if (mapping.standardPrice() != null) {
      prints[i] = Fingerprints.of(price);
    }
    return prints;
  }

  /** Each record's lines in Salesforce, by the record's id. */
  private Map<String, List<JsonNode>> lineRecords(List<String> ids) {
    Map<String, List<JsonNode>> byParent = new HashMap<>();
    if (lineFields.isEmpty() || ids.isEmpty()) {
      return byParent;
    }
    LineMapping lines = mapping.lines();
    Set<String> select = new LinkedHashSet<>(lineFields);
    select.add(lines.parentField());
    for (ObjectNode line : reads.salesforceIn(lines.salesforceObject(), String.join(", ", select), lines.parentField(), ids,
        null)) {
      byParent.computeIfAbsent(line.path(lines.parentField()).asText(), k -> new ArrayList<>()).add(line);
    }
    return byParent;
  }

  /** Each product's price in the standard price book, by the product's id. */
  private Map<String, JsonNode> prices(List<String> ids) {
    Map<String, JsonNode> prices = new HashMap<>();
    String pricebook = mapping.standardPrice() == null || ids.isEmpty() ? null : reads.standardPricebookId();
    if (pricebook == null) {
      return prices;
    }
    for (ObjectNode entry : reads.salesforceIn("PricebookEntry", "Product2Id, UnitPrice", "Product2Id", ids,
        "Pricebook2Id = " + SalesforceClient.quote(pricebook))) {
      prices.put(entry.path("Product2Id").asText(), entry.get("UnitPrice"));
    }
    return prices;
  }

  /** The Salesforce ids of the parents the page references (QuickBooks id to Salesforce id), from their links. */
  private Map<SyncObject, Map<String, String>> parentLinks(List<ObjectNode> page) {
    Map<SyncObject, Set<String>> wanted = new LinkedHashMap<>();
    for (ObjectNode record : page) {
      mapping.qboParents(record).forEach((parent, ids) -> wanted.computeIfAbsent(parent, p -> new LinkedHashSet<>()).addAll(ids));
    }
    Map<SyncObject, Map<String, String>> resolved = new HashMap<>();
    wanted.forEach((parent, ids) -> mappings.find(parent, SyncDirection.QBO_TO_SALESFORCE).ifPresent(parentMapping -> {
      Map<String, String> found = new HashMap<>();
      links.findAll(realmId, parent, parentMapping.salesforceObject(), ids)
          .forEach((qboId, link) -> found.put(qboId, link.salesforceId()));
      resolved.put(parent, found);
    }));
    return resolved;
  }
}
