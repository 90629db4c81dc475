package io.ledgerbridge.worker.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.activities.mapping.FieldMapping;
import io.ledgerbridge.activities.mapping.LineMapping;
import io.ledgerbridge.activities.mapping.Mappings;
import io.ledgerbridge.activities.mapping.ObjectMapping;
import io.ledgerbridge.activities.mapping.Paths;
import io.ledgerbridge.activities.store.RecordLinkStore;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A mapping that syncs Salesforce to QuickBooks only (won Opportunities to Invoices), compared in
 * QuickBooks' terms: each Salesforce record with its lines mapped with {@link ObjectMapping#toQbo}
 * (parents resolved through their links), against the QuickBooks record's current values at the
 * same paths. Fields QuickBooks takes only on create are not compared.
 */
final class ToQuickBooksComparison implements Comparison {
  private final String realmId;
  private final ObjectMapping mapping;
  private final Mappings mappings;
  private final RecordLinkStore links;
  private final Reads reads;
  private final List<String> headerPaths;
  private final List<String> linePaths;
  private final Map<String, String> lineConstants = new LinkedHashMap<>();
  private final List<String> fields = new ArrayList<>();

  ToQuickBooksComparison(String realmId, ObjectMapping mapping, Mappings mappings, RecordLinkStore links, Reads reads) {
    this.realmId = realmId;
    this.mapping = mapping;
    this.mappings = mappings;
    this.links = links;
    this.reads = reads;
    this.headerPaths = paths(mapping.fields(SyncDirection.SALESFORCE_TO_QBO));
    LineMapping lines = mapping.lines();
    if (lines != null) {
      List<FieldMapping> lineFields = lines.fields().stream().filter(f -> f.flows(SyncDirection.SALESFORCE_TO_QBO)).toList();
      this.linePaths = paths(lineFields);
      // Lines QuickBooks adds itself (the subtotal) lack the constants every mapped line carries.
      lineFields.stream().filter(f -> f.constant() != null && !f.createOnly() && f.qbo().size() == 1)
          .forEach(f -> lineConstants.put(f.qbo().get(0), f.constant()));
    } else {
      this.linePaths = List.of();
    }
    fields.addAll(headerPaths);
    if (lines != null) {
      fields.add(lines.qboPath());
    }
  }

  private static List<String> paths(List<FieldMapping> fields) {
    return fields.stream().filter(f -> !f.createOnly()).flatMap(f -> f.qbo().stream()).distinct().toList();
  }

  @Override
  public List<String> fields() {
    return fields;
  }

  @Override
  public List<long[]> salesforceSide(List<ObjectNode> page) {
    List<String> ids = page.stream().map(r -> r.path("Id").asText()).toList();
    Map<String, List<JsonNode>> lines = lineRecords(ids);
    Map<SyncObject, Map<String, String>> parents = parentLinks(page, lines);
    List<long[]> sides = new ArrayList<>();
    for (ObjectNode record : page) {
      ObjectMapping.ToQbo mapped = mapping.toQbo(record, lines.getOrDefault(record.path("Id").asText(), List.of()), null,
          (parent, salesforceId) -> parents.getOrDefault(parent, Map.of()).get(salesforceId), false);
      long[] prints = fingerprints(mapped.body(), false);
      if (mapping.lines() != null && !mapping.linesGoToQbo(realmId, record)) {
        prints[prints.length - 1] = Fingerprints.NOT_COMPARED;
      }
      sides.add(prints);
    }
    return sides;
  }

  @Override
  public List<long[]> quickBooksSide(List<ObjectNode> page) {
    return page.stream().map(record -> fingerprints(record, true)).toList();
  }

  private long[] fingerprints(JsonNode record, boolean filterLines) {
    long[] prints = new long[fields.size()];
    int i = 0;
    for (String path : headerPaths) {
      prints[i++] = Fingerprints.of(Paths.first(record, path));
    }
    LineMapping lines = mapping.lines();
    if (lines != null) {
      List<JsonNode> mappedLines = new ArrayList<>();
      // The lines as Salesforce holds them: QuickBooks' own subtotal left out, a bundle's items lines of their own.
      for (JsonNode line : filterLines ? lines.qboLines(record) : record.path(lines.qboPath())) {
        if (!filterLines || lineConstants.entrySet().stream()
            .allMatch(c -> c.getValue().equals(Fingerprints.text(Paths.first(line, c.getKey()))))) {
          mappedLines.add(line);
        }
      }
      prints[i] = Fingerprints.ofLines(mappedLines, linePaths);
    }
    return prints;
  }

  /** Each record's lines in Salesforce, in the order they were created, by the record's id. */
  private Map<String, List<JsonNode>> lineRecords(List<String> ids) {
    Map<String, List<JsonNode>> byParent = new HashMap<>();
    LineMapping lines = mapping.lines();
    if (lines == null || ids.isEmpty()) {
      return byParent;
    }
    List<ObjectNode> all = new ArrayList<>(reads.salesforceIn(lines.salesforceObject(),
        String.join(", ", mapping.salesforceLineFieldsRead()), lines.parentField(), ids, null));
    all.sort(Comparator.comparing(line -> line.path("Id").asText()));
    for (ObjectNode line : all) {
      byParent.computeIfAbsent(line.path(lines.parentField()).asText(), k -> new ArrayList<>()).add(line);
    }
    return byParent;
  }

  /** The QuickBooks ids of the parents the page and its lines reference (Salesforce id to QuickBooks id), from their links. */
  private Map<SyncObject, Map<String, String>> parentLinks(List<ObjectNode> page, Map<String, List<JsonNode>> lines) {
    Map<SyncObject, Set<String>> wanted = new LinkedHashMap<>();
    for (ObjectNode record : page) {
      mapping.salesforceParents(record, lines.getOrDefault(record.path("Id").asText(), List.of()))
          .forEach((parent, ids) -> wanted.computeIfAbsent(parent, p -> new LinkedHashSet<>()).addAll(ids));
    }
    Map<SyncObject, Map<String, String>> resolved = new HashMap<>();
    wanted.forEach((parent, ids) -> mappings.find(parent, SyncDirection.SALESFORCE_TO_QBO).ifPresent(parentMapping -> {
      Map<String, String> found = new HashMap<>();
      links.findBySalesforceIds(realmId, parent, parentMapping.salesforceObject(), ids)
          .forEach((salesforceId, link) -> found.put(salesforceId, link.qboId()));
      resolved.put(parent, found);
    }));
    return resolved;
  }
}
