package io.ledgerbridge.activities.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.sync.ConflictPolicy;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How one QuickBooks object and one Salesforce object correspond, as data: the fields, the
 * external id, the conditions, the conflict policy, matching, deletes and child lines. Loaded by
 * {@link MappingLoader}; applied by {@link #toSalesforce} and {@link #toQbo}.
 *
 * @param entityKeys the mapping file says its keys name the entity ({@code keyNamesEntity: true}): a sales receipt
 *     made from a won Opportunity beside the invoices made from others
 * @param qboEntity the QuickBooks entity name, e.g. {@code Customer}
 * @param qboCondition a WHERE condition every QuickBooks query carries, or null
 * @param qboHasAnyOf QuickBooks paths of which a record of the object has a value in one at least (a
 *     customer's primary contact names a person); empty when every record read is the object's
 * @param salesforceCondition a SOQL condition every Salesforce query carries, or null; the record type's
 *     ({@code RecordType.DeveloperName = ...}) is part of it
 * @param recordType the DeveloperName of the record type the mapping's Salesforce records have (an Account kept
 *     for a vendor), which a record it creates gets; null when records are told apart otherwise or not at all
 * @param onDelete the Salesforce values written when the QuickBooks record is deleted
 * @param onSalesforceDelete what a record deleted in Salesforce does to its QuickBooks record
 * @param standardPrice the QuickBooks path kept as the standard price book entry's UnitPrice, or null
 * @param originField the Salesforce lookup that gets the record of the opposite direction's object a
 *     QuickBooks record was created from (an Invoice__c's Opportunity), or null
 * @param lines the object's child lines, or null
 * @param container the parent record the sync makes in Salesforce for a record created there that needs one no
 *     mapping syncs (a Quote's Opportunity), or null
 * @param itemAccounts the accounts, by name, that items created from Salesforce post to (Item only), or null
 * @param singleCurrency the mapping's currency fields are left out ({@code multiCurrency: false}): a QuickBooks record
 *     in a currency other than its company's home currency is refused, as Salesforce would read its amounts in its own
 * @param origin where the mapping was defined, for messages
 */
public record ObjectMapping(
    SyncObject object,
    Set<SyncDirection> directions,
    String salesforceObject,
    String externalIdField,
    boolean entityKeys,
    String qboEntity,
    String qboCondition,
    List<String> qboHasAnyOf,
    String salesforceCondition,
    String recordType,
    ConflictPolicy conflictPolicy,
    Matching matching,
    Map<String, String> onDelete,
    SalesforceDeletePolicy onSalesforceDelete,
    String standardPrice,
    String originField,
    LineMapping lines,
    ContainerMapping container,
    ItemAccounts itemAccounts,
    List<FieldMapping> fields,
    boolean singleCurrency,
    String origin) {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /**
   * QuickBooks' rate from a transaction's currency to its company's home currency: 1 in the home currency, and
   * only there, so any other value says the amounts are in a foreign currency.
   */
  private static final String EXCHANGE_RATE = "ExchangeRate";

  public ObjectMapping {
    directions = Set.copyOf(directions);
    onDelete = onDelete == null ? Map.of() : Map.copyOf(onDelete);
    fields = List.copyOf(fields);
    qboHasAnyOf = qboHasAnyOf == null ? List.of() : List.copyOf(qboHasAnyOf);
    matching = matching == null ? Matching.off() : matching;
    onSalesforceDelete = onSalesforceDelete == null ? SalesforceDeletePolicy.NOTHING : onSalesforceDelete;
  }

  public boolean flows(SyncDirection direction) {
    return directions.contains(direction);
  }

  /**
   * Whether the QuickBooks condition keeps every record of the entity: none, or the one that names
   * {@code Active} so inactive records come too. Change data capture, which takes no condition, then
   * answers what a query would.
   */
  public boolean qboConditionKeepsEveryRecord() {
    return qboCondition == null || qboCondition.replace(" ", "").equalsIgnoreCase("ActiveIN(true,false)");
  }

  /**
   * Whether a QuickBooks record of the entity is one of this object's: it has a value in one of
   * {@link #qboHasAnyOf}. QuickBooks' queries have no OR, so this is asked of the records read.
   */
  public boolean holdsQboRecord(JsonNode record) {
    return qboHasAnyOf.isEmpty()
        || qboHasAnyOf.stream().anyMatch(path -> FieldMapping.text(Paths.first(record, path)) != null);
  }

  /**
   * The field whose reference gives the QuickBooks record itself ({@code qbo: Id}): the object's
   * QuickBooks record is its parent's own (a Contact's is its Account's customer), so a record going
   * to QuickBooks updates that one and never creates one.
   */
  public Optional<FieldMapping> qboRecordOfParent() {
    return fields(SyncDirection.SALESFORCE_TO_QBO).stream()
        .filter(field -> field.reference() != null && field.qbo().equals(List.of("Id")))
        .findFirst();
  }

  /** Whether the mapping's records hold amounts (numbers or lines): a document's, which are in a currency. */
  public boolean carriesAmounts() {
    return lines != null || fields.stream().anyMatch(field -> field.type() == ValueType.NUMBER);
  }

  public List<FieldMapping> fields(SyncDirection direction) {
    return fields.stream().filter(f -> f.flows(direction)).toList();
  }

  /**
   * Whether this mapping's keys name the QuickBooks entity ({@code {realmId}-{Entity}-{Id}}):
   * QuickBooks ids are unique per entity only, so an object that shares its Salesforce object with
   * another keys by entity: one whose catalog entry or mapping says so, or one mapped to another object's
   * default Salesforce object (Item to Account). An object in its own default Salesforce object, or in
   * one no object has by default (Invoice from Opportunity), keeps {@code {realmId}-{Id}}.
   */
  public boolean keyNamesEntity() {
    return object.keyNamesEntity() || entityKeys || !salesforceObject.equalsIgnoreCase(object.defaultSalesforceObject())
        && SyncObject.all().stream().anyMatch(other -> other.defaultSalesforceObject().equalsIgnoreCase(salesforceObject));
  }

  /** A QuickBooks record's key in Salesforce: unique across companies, and across entities where they share an object. */
  public String key(String realmId, String qboId) {
    return keyPrefix(realmId) + qboId;
  }

  /** The key of one line of a QBO record, e.g. an invoice line: unique across companies and records. */
  public String lineKey(String realmId, String qboId, String lineId) {
    return key(realmId, qboId) + "-" + lineId;
  }

  /**
   * The QuickBooks id inside a key of this mapping's records of this company; empty for a key of
   * another company or of another entity.
   */
  public Optional<String> qboIdOfKey(String realmId, String key) {
    String prefix = keyPrefix(realmId);
    if (key == null || !key.startsWith(prefix) || key.length() == prefix.length()) {
      return Optional.empty();
    }
    String id = key.substring(prefix.length());
    // {realmId}-Vendor-7 is no Customer's key: QuickBooks ids never hold a hyphen.
    return id.contains("-") ? Optional.empty() : Optional.of(id);
  }

  /**
   * The key a record of this mapping had before keys named the entity ({@code {realmId}-{Id}}), when
   * its key names it now: the sync replaces it on records it has links for.
   */
  public Optional<String> earlierKey(String realmId, String qboId) {
    return keyNamesEntity() ? Optional.of(realmId + "-" + qboId) : Optional.empty();
  }

  private String keyPrefix(String realmId) {
    return realmId + "-" + (keyNamesEntity() ? qboEntity + "-" : "");
  }

  /** The Salesforce fields a query of this object selects to go to QuickBooks or to compare. */
  public Set<String> salesforceFieldsRead() {
    Set<String> read = new LinkedHashSet<>(List.of("Id", "SystemModstamp", externalIdField));
    for (FieldMapping field : fields) {
      if (field.flows(SyncDirection.SALESFORCE_TO_QBO)) {
        read.addAll(field.salesforceFieldsRead());
      }
      if (field.flows(SyncDirection.QBO_TO_SALESFORCE) && field.salesforce() != null) {
        read.add(field.salesforce());
      }
    }
    for (Matching.Pair pair : matching.pairs()) {
      read.add(pair.salesforce());
    }
    if (container != null) {
      read.add(container.keyThroughLookup());
    }
    return read;
  }

  /**
   * Whether a Salesforce record's lines go to QuickBooks with it: not when it sits in a container the sync made for
   * its QuickBooks record, whose lines are QuickBooks' (see {@link ContainerMapping}).
   */
  public boolean linesGoToQbo(String realmId, JsonNode salesforceRecord) {
    return lines != null && (container == null || !container.holds(salesforceRecord, realmId, qboEntity));
  }

  /**
   * Whether a Salesforce record holds its QuickBooks record's lines: lines written to Salesforce, and for a mapping
   * with a container, a record in one the sync made (a Quote made in Salesforce keeps its own QuoteLineItems).
   */
  public boolean linesFromQbo(String realmId, JsonNode salesforceRecord) {
    return lines != null && lines.externalIdField() != null
        && (container == null || container.holds(salesforceRecord, realmId, qboEntity));
  }

  /** The Salesforce fields of the line object a query selects to go to QuickBooks. */
  public Set<String> salesforceLineFieldsRead() {
    Set<String> read = new LinkedHashSet<>(List.of("Id", lines.parentField()));
    if (lines.externalIdField() != null) {
      read.add(lines.externalIdField());
    }
    for (FieldMapping field : lines.fields()) {
      if (field.flows(SyncDirection.SALESFORCE_TO_QBO)) {
        read.addAll(field.salesforceFieldsRead());
      }
      if (field.flows(SyncDirection.QBO_TO_SALESFORCE) && field.salesforce() != null) {
        read.add(field.salesforce());
      }
    }
    return read;
  }

  /**
   * The content hash {@link #toSalesforce} gives, made from what a Salesforce record, its lines (in
   * creation order) and its standard price hold now: equal to the hash of the sync's last write to it
   * exactly when the record still holds every value that write gave it.
   */
  public String salesforceContentHash(String realmId, JsonNode record, List<JsonNode> lineRecords, BigDecimal price) {
    ObjectNode header = NODES.objectNode();
    header.set(externalIdField, held(record, externalIdField));
    for (FieldMapping field : contentToSalesforce()) {
      header.set(field.salesforce(), held(record, field.salesforce()));
    }
    ObjectNode content = NODES.objectNode();
    content.set("fields", header);
    ArrayNode lineArray = content.putArray("lines");
    if (linesFromQbo(realmId, record)) {
      for (JsonNode line : lineRecords) {
        ObjectNode out = lineArray.addObject();
        out.set(lines.externalIdField(), held(line, lines.externalIdField()));
        for (FieldMapping field : lines.fields()) {
          if (field.flows(SyncDirection.QBO_TO_SALESFORCE)) {
            out.set(field.salesforce(), held(line, field.salesforce()));
          }
        }
      }
    }
    if (standardPrice != null && price != null) {
      content.put("price", price);
    }
    return Hashing.sha256(content);
  }

  private static JsonNode held(JsonNode record, String field) {
    JsonNode value = record.get(field);
    return value == null ? NODES.nullNode() : value;
  }

  // ---- QuickBooks to Salesforce ----

  /** The QBO ids of the parents a QBO record references, header and lines, by parent object. */
  public Map<SyncObject, Set<String>> qboParents(JsonNode record) {
    Map<SyncObject, Set<String>> parents = new LinkedHashMap<>();
    for (FieldMapping field : fields(SyncDirection.QBO_TO_SALESFORCE)) {
      field.qboReferenceIds(record).forEach(id -> parents.computeIfAbsent(field.reference(), k -> new LinkedHashSet<>()).add(id));
    }
    if (lines != null) {
      for (JsonNode line : qboLines(record)) {
        for (FieldMapping field : lines.fields()) {
          if (field.flows(SyncDirection.QBO_TO_SALESFORCE)) {
            field.qboReferenceIds(line).forEach(id -> parents.computeIfAbsent(field.reference(), k -> new LinkedHashSet<>()).add(id));
          }
        }
      }
    }
    if (container != null) {
      for (FieldMapping field : container.fields()) {
        field.qboReferenceIds(record).forEach(id -> parents.computeIfAbsent(field.reference(), k -> new LinkedHashSet<>()).add(id));
      }
    }
    return parents;
  }

  /** The QBO record's lines: the line array's lines and the lines they hold (a bundle's items). */
  public List<JsonNode> qboLines(JsonNode record) {
    return lines == null ? List.of() : lines.qboLines(record);
  }

  /**
   * The fields that make a Salesforce record's content: all but those given only when the record is created there
   * (a Quote's name for an estimate made in QuickBooks), which are the sales team's afterwards.
   */
  private List<FieldMapping> contentToSalesforce() {
    return fields(SyncDirection.QBO_TO_SALESFORCE).stream().filter(field -> !field.createOnly()).toList();
  }

  /** The values a record created in Salesforce gets besides its content ({@code createOnly} fields). */
  public ObjectNode createOnlyToSalesforce(JsonNode record, References references, List<String> problems) {
    ObjectNode out = NODES.objectNode();
    List<FieldMapping> createOnly = fields(SyncDirection.QBO_TO_SALESFORCE).stream().filter(FieldMapping::createOnly).toList();
    mapInto(out, createOnly, record, null, references, problems, "");
    return out;
  }

  /**
   * A QBO record in Salesforce's terms.
   *
   * @param fields the header record, with the external id
   * @param lines the line records with their external ids; the caller sets the parent lookup; null to leave the
   *     Salesforce record's own lines as they are
   * @param price the standard price, or null
   * @param hash what the content hashes to, lines and price included
   * @param problems why the record cannot be written (missing required values, bad values)
   * @param notes what the admin should know though the record can be written (its lines do not add up to its total)
   */
  public record ToSalesforce(
      ObjectNode fields, List<ObjectNode> lines, BigDecimal price, String hash, List<String> problems, List<String> notes) {}

  public ToSalesforce toSalesforce(String realmId, JsonNode record, References references) {
    return toSalesforce(realmId, record, references, true);
  }

  /**
   * {@code record} in Salesforce's terms; {@code withLines} false for a Salesforce record that keeps lines of its own
   * (see {@link #linesFromQbo}): then the lines are null, to be left as they are, and not part of the content.
   */
  public ToSalesforce toSalesforce(String realmId, JsonNode record, References references, boolean withLines) {
    List<String> problems = new ArrayList<>();
    String qboId = record.path("Id").asText();
    ObjectNode header = NODES.objectNode();
    header.put(externalIdField, key(realmId, qboId));
    mapInto(header, contentToSalesforce(), record, null, references, problems, "");
    if (singleCurrency) {
      refuseForeignCurrency(record, problems);
    }
    boolean linesWritten = withLines && lines != null && lines.externalIdField() != null;
    List<ObjectNode> mappedLines = new ArrayList<>();
    if (linesWritten) {
      Set<String> lineIds = new HashSet<>();
      for (JsonNode line : qboLines(record)) {
        String lineId = lines.qboIdOf(line);
        if (lineId == null || !lineIds.add(lineId)) {
          // Without an id of its own a line has no key, and two lines of one id would overwrite each other.
          problems.add((lineId == null ? "a line has no id" : "two lines have the id " + lineId)
              + (lines.qboLineId() == null ? "" : " (from qboLineId " + lines.qboLineId() + ")") + ": " + line);
          continue;
        }
        ObjectNode out = NODES.objectNode();
        out.put(lines.externalIdField(), lineKey(realmId, qboId, lineId));
        List<FieldMapping> lineFields =
            lines.fields().stream().filter(f -> f.flows(SyncDirection.QBO_TO_SALESFORCE)).toList();
        mapInto(out, lineFields, line, record, references, problems, "line " + lineId + " ");
        mappedLines.add(out);
      }
    }
    BigDecimal price = null;
    if (standardPrice != null) {
      String text = FieldMapping.text(Paths.first(record, standardPrice));
      try {
        price = text == null ? BigDecimal.ZERO : new BigDecimal(text);
      } catch (NumberFormatException e) {
        problems.add(standardPrice + ": '" + text + "' is not a price");
      }
    }
    ObjectNode content = NODES.objectNode();
    content.set("fields", header);
    ArrayNode lineArray = content.putArray("lines");
    mappedLines.forEach(lineArray::add);
    if (price != null) {
      content.put("price", price);
    }
    List<String> notes = linesWritten ? lines.notes(record) : List.of();
    return new ToSalesforce(header, withLines ? List.copyOf(mappedLines) : null, price,
        Hashing.sha256(content), List.copyOf(problems), notes);
  }

  /**
   * The Salesforce fields only QuickBooks writes (a QuickBooks value the other way carries nothing
   * back, e.g. a status derived from {@code Active}), as {@code record} makes them: a record the sync
   * writes to QuickBooks from Salesforce gets them with its key, so it holds them like a record born in
   * QuickBooks. References are left out: they name records of other objects, each synced in its turn.
   */
  public ObjectNode derivedFromQuickBooks(JsonNode record) {
    Set<String> fromSalesforce = new HashSet<>();
    fields(SyncDirection.SALESFORCE_TO_QBO).forEach(f -> fromSalesforce.add(f.salesforce()));
    List<FieldMapping> derived = contentToSalesforce().stream()
        .filter(f -> f.salesforce() != null && f.reference() == null && !fromSalesforce.contains(f.salesforce()))
        .toList();
    ObjectNode out = NODES.objectNode();
    mapInto(out, derived, record, null, References.NONE, new ArrayList<>(), "");
    return out;
  }

  static void mapInto(
      ObjectNode out,
      List<FieldMapping> mapped,
      JsonNode record,
      JsonNode parent,
      References references,
      List<String> problems,
      String where) {
    for (FieldMapping field : mapped) {
      try {
        JsonNode value = field.toSalesforce(record, parent, references);
        if (value.isNull() && field.required()) {
          problems.add(where + "no value for required field " + field.salesforce() + source(field));
        }
        out.set(field.salesforce(), value);
      } catch (MappingValueException bad) {
        problems.add(where + bad.getMessage());
      }
    }
  }

  private static void refuseForeignCurrency(JsonNode record, List<String> problems) {
    String rate = FieldMapping.text(record.get(EXCHANGE_RATE));
    if (rate != null && new BigDecimal(rate).compareTo(BigDecimal.ONE) != 0) {
      problems.add("its amounts are in " + record.path("CurrencyRef").path("value").asText("a foreign currency")
          + " (exchange rate " + rate + " to the company's home currency), but currencies are not synced: turn on"
          + " multiple currencies in the Salesforce org and set multiCurrency: true in the mappings file, so"
          + " Salesforce does not read them as its own currency");
    }
  }

  private static String source(FieldMapping field) {
    if (field.template() != null) {
      return " (from template " + field.template() + ")";
    }
    return field.qbo().isEmpty() ? "" : " (from " + String.join(", ", field.qbo()) + ")";
  }

  // ---- Salesforce to QuickBooks ----

  /** The Salesforce ids of the parents a Salesforce record and its lines reference, by parent object. */
  public Map<SyncObject, Set<String>> salesforceParents(JsonNode record, List<JsonNode> lineRecords) {
    Map<SyncObject, Set<String>> parents = new LinkedHashMap<>();
    for (FieldMapping field : fields(SyncDirection.SALESFORCE_TO_QBO)) {
      String id = field.salesforceReferenceId(record);
      if (id != null) {
        parents.computeIfAbsent(field.reference(), k -> new LinkedHashSet<>()).add(id);
      }
    }
    if (lines != null) {
      for (JsonNode line : lineRecords) {
        for (FieldMapping field : lines.fields()) {
          String id = field.flows(SyncDirection.SALESFORCE_TO_QBO) ? field.salesforceReferenceId(line) : null;
          if (id != null) {
            parents.computeIfAbsent(field.reference(), k -> new LinkedHashSet<>()).add(id);
          }
        }
      }
    }
    return parents;
  }

  /**
   * A Salesforce record in QuickBooks' terms.
   *
   * @param body the QBO entity body (without Id and SyncToken); create-only fields only when creating
   * @param hash what the content hashes to, create-only fields left out, so it is the same either way
   */
  public record ToQbo(ObjectNode body, String hash, List<String> problems) {}

  /** {@code record} in QuickBooks' terms; {@code lineRecords} null to leave QuickBooks' lines as they are. */

  public ToQbo toQbo(JsonNode record, List<JsonNode> lineRecords, BigDecimal price, References references, boolean create) {
    List<String> problems = new ArrayList<>();
    ObjectNode body = NODES.objectNode();
    ObjectNode hashed = NODES.objectNode();
    qboInto(body, hashed, fields(SyncDirection.SALESFORCE_TO_QBO), record, null, references, create, problems, "");
    if (lines != null && lineRecords != null) {
      ArrayNode bodyLines = NODES.arrayNode();
      ArrayNode hashedLines = NODES.arrayNode();
      List<FieldMapping> lineFields =
          lines.fields().stream().filter(f -> f.flows(SyncDirection.SALESFORCE_TO_QBO)).toList();
      for (JsonNode line : lineRecords) {
        ObjectNode out = NODES.objectNode();
        ObjectNode outHashed = NODES.objectNode();
        String where = "line " + line.path("Id").asText() + " ";
        qboInto(out, outHashed, lineFields, line, record, references, create, problems, where);
        lines.intoQboForm(out).ifPresent(why -> problems.add(where + why));
        lines.intoQboForm(outHashed);
        bodyLines.add(out);
        hashedLines.add(outHashed);
      }
      body.set(lines.qboPath(), bodyLines);
      hashed.set(lines.qboPath(), hashedLines);
    }
    if (standardPrice != null && price != null) {
      Paths.set(body, standardPrice, NODES.numberNode(price));
      Paths.set(hashed, standardPrice, NODES.numberNode(price));
    }
    return new ToQbo(body, Hashing.sha256(hashed), List.copyOf(problems));
  }

  /**
   * An update's body with the QuickBooks fields emptied in Salesforce sent empty: a sparse update keeps
   * what it is not sent, and clears a field sent as an empty string. Only the text fields this mapping
   * writes to QuickBooks that the body leaves out and {@code current} (the QuickBooks record now) has a
   * value in; fields written only on create, constants, defaults and references are never empty, and
   * numbers, dates and yes/no values keep theirs (QuickBooks takes no empty string for them).
   */
  public ObjectNode withEmptiedCleared(ObjectNode body, JsonNode current) {
    ObjectNode cleared = body.deepCopy();
    for (FieldMapping field : fields(SyncDirection.SALESFORCE_TO_QBO)) {
      if (field.createOnly() || field.constant() != null || field.defaultValue() != null || field.reference() != null
          || field.type() != ValueType.TEXT) {
        continue;
      }
      for (String path : field.qbo()) {
        if (FieldMapping.text(Paths.first(body, path)) == null && FieldMapping.text(Paths.first(current, path)) != null) {
          Paths.set(cleared, path, NODES.textNode(""));
        }
      }
    }
    return cleared;
  }

  private static void qboInto(
      ObjectNode body,
      ObjectNode hashed,
      List<FieldMapping> mapped,
      JsonNode record,
      JsonNode parent,
      References references,
      boolean create,
      List<String> problems,
      String where) {
    for (FieldMapping field : mapped) {
      try {
        List<Map.Entry<String, JsonNode>> values = field.toQbo(record, parent, references);
        if (values.isEmpty() && field.required()) {
          problems.add(where + "no value for required field " + String.join(", ", field.qbo())
              + (field.salesforce() == null ? "" : " (from " + field.salesforce() + ")"));
        }
        for (Map.Entry<String, JsonNode> value : values) {
          if (create || !field.createOnly()) {
            Paths.set(body, value.getKey(), value.getValue());
          }
          if (!field.createOnly()) {
            Paths.set(hashed, value.getKey(), value.getValue());
          }
        }
      } catch (MappingValueException bad) {
        problems.add(where + bad.getMessage());
      }
    }
  }

  /** A short, stable fingerprint of this mapping: a changed mapping is checked again before it runs. */
  public String fingerprint() {
    return Hashing.sha256(toString().replaceAll("origin=[^,\\]]*", ""));
  }
}
