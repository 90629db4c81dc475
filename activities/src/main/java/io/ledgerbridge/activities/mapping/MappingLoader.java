package io.ledgerbridge.activities.mapping;

import io.ledgerbridge.activities.mapping.MappingFile.ContainerEntry;
import io.ledgerbridge.activities.mapping.MappingFile.FieldEntry;
import io.ledgerbridge.activities.mapping.MappingFile.LinesEntry;
import io.ledgerbridge.activities.mapping.MappingFile.MappingEntry;
import io.ledgerbridge.activities.mapping.MappingFile.MatchingEntry;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads mapping YAML into {@link Mappings}: merges an admin's override into the defaults
 * ({@link MappingYaml}), binds and validates the result ({@link MappingBinding}), then checks what
 * the constraints cannot see (the catalog's objects, parents and directions, and how a mapping's
 * fields combine) and applies the defaults of keys left out. Refuses the first problem with its file,
 * line and reason.
 */
final class MappingLoader {
  static final String DEFAULT_EXTERNAL_ID = "QBO_Id__c";
  private static final int DEFAULT_MAX_DEFER_ATTEMPTS = 3;

  private final MappingYaml yaml;
  /** The file's {@code multiCurrency}: whether the fields marked {@code multiCurrency: true} are in force. */
  private boolean multiCurrency;

  private MappingLoader(MappingYaml yaml) {
    this.yaml = yaml;
  }

  /** The defaults with {@code override} (may be null) merged in, checked. */
  static Mappings load(String defaultsYaml, String defaultsSource, String overrideYaml, String overrideSource) {
    MappingYaml yaml = MappingYaml.parse(defaultsYaml, defaultsSource);
    if (overrideYaml != null) {
      yaml = yaml.withOverride(MappingYaml.parse(overrideYaml, overrideSource));
    }
    return new MappingLoader(yaml).mappings(MappingBinding.bind(yaml));
  }

  private Mappings mappings(MappingFile file) {
    multiCurrency = Boolean.TRUE.equals(file.multiCurrency());
    List<ObjectMapping> result = new ArrayList<>();
    Map<String, List<Object>> covered = new LinkedHashMap<>();
    Map<String, Integer> keyedById = new HashMap<>();
    for (int i = 0; i < file.mappings().size(); i++) {
      List<Object> at = List.of("mappings", i);
      ObjectMapping mapping = mapping(file.mappings().get(i), at);
      if (!mapping.keyNamesEntity()) {
        // Keys {realmId}-{Id} of two entities in one Salesforce object would collide: QuickBooks ids are unique per entity.
        Integer first = keyedById.putIfAbsent(mapping.salesforceObject().toLowerCase(Locale.ROOT), i);
        if (first != null && result.get(first).object() != mapping.object()) {
          throw yaml.refuse(path(at, "salesforceObject"), mapping.object().displayName() + " and "
              + result.get(first).object().displayName() + " (at " + yaml.origin(List.of("mappings", first))
              + ") would both key " + mapping.salesforceObject() + " records {realmId}-{Id}, and QuickBooks ids are"
              + " unique per entity only; map one of them to another Salesforce object, or give the one added"
              + " later keyNamesEntity: true (keys {realmId}-{Entity}-{Id})");
        }
      }
      for (SyncDirection direction : mapping.directions()) {
        String key = mapping.object().displayName() + " " + direction;
        List<Object> first = covered.putIfAbsent(key, at);
        if (first != null) {
          throw yaml.refuse(at, "a second mapping for " + key + " (the first is at " + yaml.origin(first)
              + "); give one mapping per object and direction");
        }
      }
      result.add(mapping);
    }
    Integer maxAttempts = file.deferral() == null ? null : file.deferral().maxAttempts();
    return new Mappings(result, maxAttempts == null ? DEFAULT_MAX_DEFER_ATTEMPTS : maxAttempts, multiCurrency);
  }

  /** The mapping's condition with its record type's: only records of that type are the mapping's. */
  private static String withRecordType(String condition, String recordType) {
    if (recordType == null) {
      return condition;
    }
    String ofType = "RecordType.DeveloperName = '" + recordType + "'";
    return condition == null || condition.isBlank() ? ofType : "(" + condition + ") AND " + ofType;
  }

  private ObjectMapping mapping(MappingEntry entry, List<Object> at) {
    SyncObject object = entry.object();
    Set<SyncDirection> directions = entry.direction().syncDirections();
    for (SyncDirection direction : directions) {
      if (!object.supports(direction)) {
        throw yaml.refuse(path(at, "direction"), object.displayName() + " is not synced " + direction
            + "; it syncs only " + object.directions());
      }
    }
    if (entry.standardPrice() != null && !object.hasStandardPrice()) {
      throw yaml.refuse(path(at, "standardPrice"), object.displayName() + " has no standard price (objects with one: "
          + SyncObject.all().stream().filter(SyncObject::hasStandardPrice).map(SyncObject::displayName)
              .collect(Collectors.joining(", ")) + ")");
    }
    if (entry.originField() != null && !directions.contains(SyncDirection.QBO_TO_SALESFORCE)) {
      throw yaml.refuse(path(at, "originField"), "it is written to Salesforce, so the mapping must sync QBO_TO_SALESFORCE");
    }
    checkSalesforceDeletePolicy(entry, directions, at);
    LineMapping lines = entry.lines() == null ? null : lines(entry.lines(), object, directions, path(at, "lines"));
    List<FieldMapping> fields = fields(entry.fields(), object, directions, path(at, "fields"));
    ContainerMapping container = entry.container() == null ? null : container(entry, directions, at);
    return new ObjectMapping(
        object,
        directions,
        entry.salesforceObject(),
        Objects.requireNonNullElse(entry.externalIdField(), DEFAULT_EXTERNAL_ID),
        Boolean.TRUE.equals(entry.keyNamesEntity()),
        Objects.requireNonNullElse(entry.qboEntity(), object.displayName()),
        entry.qboCondition(),
        entry.qboHasAnyOf(),
        withRecordType(entry.salesforceCondition(), entry.recordType()),
        entry.recordType(),
        Objects.requireNonNullElse(entry.conflictPolicy(), object.defaultPolicy()),
        matching(entry.matching()),
        entry.onDelete(),
        entry.onSalesforceDelete(),
        entry.standardPrice(),
        entry.originField(),
        lines,
        container,
        itemAccounts(entry, directions, fields, at),
        fields,
        !multiCurrency && Stream.concat(entry.fields().stream(),
            entry.lines() == null ? Stream.empty() : entry.lines().fields().stream())
            .anyMatch(field -> Boolean.TRUE.equals(field.multiCurrency())),
        yaml.origin(at));
  }

  /**
   * The Item mapping's accounts: only items created from Salesforce post to them, each type the mapping can
   * give a product needs its accounts (an Inventory item all three), and no field may write the references
   * they fill.
   */
  private ItemAccounts itemAccounts(MappingEntry entry, Set<SyncDirection> directions, List<FieldMapping> fields,
      List<Object> at) {
    List<Object> accountsAt = path(at, "itemAccounts");
    boolean createsItems = entry.object() == SyncObject.ITEM && directions.contains(SyncDirection.SALESFORCE_TO_QBO);
    if (entry.itemAccounts() == null) {
      if (createsItems) {
        throw yaml.refuse(accountsAt, "required: the accounts, by name in the company's chart of accounts,"
            + " that items created from Salesforce post to, e.g. itemAccounts: {Service: {income: Services}}");
      }
      return null;
    }
    if (!createsItems) {
      throw yaml.refuse(accountsAt, "only an Item mapping that syncs SALESFORCE_TO_QBO creates items; leave it out");
    }
    Map<String, ItemAccounts.Accounts> byType = new LinkedHashMap<>();
    entry.itemAccounts().forEach((type, accounts) -> {
      List<Object> typeAt = path(accountsAt, type);
      if (!ItemAccounts.ITEM_TYPES.contains(type)) {
        throw yaml.refuse(typeAt, "'" + type + "' is not an item type that posts to accounts; those are "
            + String.join(", ", ItemAccounts.ITEM_TYPES) + " (a Category posts to none)");
      }
      boolean inventory = type.equals(ItemAccounts.INVENTORY);
      if (inventory && accounts.expense() == null) {
        throw yaml.refuse(typeAt, "an Inventory item needs its cost of goods sold account: add expense, e.g."
            + " expense: Cost of Goods Sold");
      }
      if (inventory && accounts.asset() == null) {
        throw yaml.refuse(typeAt, "an Inventory item needs its inventory asset account: add asset, e.g."
            + " asset: Inventory Asset");
      }
      if (!inventory && accounts.asset() != null) {
        throw yaml.refuse(path(typeAt, "asset"), "only Inventory items have an asset account; leave it out");
      }
      byType.put(type, new ItemAccounts.Accounts(accounts.income().strip(), strippedOrNull(accounts.expense()),
          strippedOrNull(accounts.asset())));
    });
    for (FieldMapping field : fields) {
      for (ItemAccounts.Role role : ItemAccounts.Role.values()) {
        if (field.flows(SyncDirection.SALESFORCE_TO_QBO)
            && field.qbo().stream().anyMatch(p -> p.equals(role.qboField()) || p.startsWith(role.qboField() + "."))) {
          throw yaml.refuse(accountsAt, "the field at " + field.origin() + " writes " + role.qboField()
              + ", which itemAccounts fills from the account's name; remove that field (remove: true in an override)");
        }
      }
    }
    for (String type : itemTypesWritten(fields)) {
      if (ItemAccounts.ITEM_TYPES.contains(type) && !byType.containsKey(type)) {
        throw yaml.refuse(accountsAt, "the Type field can make a product an item of type " + type + ", which has no accounts"
            + " here; add itemAccounts." + type);
      }
    }
    return new ItemAccounts(byType);
  }

  /** The item types the fields writing Type to QuickBooks can give: its constant, default and mapped values. */
  private static Set<String> itemTypesWritten(List<FieldMapping> fields) {
    Set<String> types = new java.util.LinkedHashSet<>();
    for (FieldMapping field : fields) {
      if (!field.flows(SyncDirection.SALESFORCE_TO_QBO) || !field.qbo().contains("Type")) {
        continue;
      }
      if (field.constant() != null) {
        types.add(field.constant());
      }
      if (field.defaultValue() != null) {
        types.add(field.defaultValue());
      }
      if (field.reverseMap() != null && !field.reverseMap().isEmpty()) {
        types.addAll(field.reverseMap().values());
      } else if (field.map() != null) {
        types.addAll(field.map().keySet());
      }
    }
    return types;
  }

  private static String strippedOrNull(String text) {
    return text == null ? null : text.strip();
  }

  /** A delete policy acts on Salesforce deletes, and QuickBooks must be able to do it to the mapping's entity. */
  private void checkSalesforceDeletePolicy(MappingEntry entry, Set<SyncDirection> directions, List<Object> at) {
    SalesforceDeletePolicy policy = entry.onSalesforceDelete();
    if (policy == null) {
      return;
    }
    if (!directions.contains(SyncDirection.SALESFORCE_TO_QBO)) {
      throw yaml.refuse(path(at, "onSalesforceDelete"), "it acts on records deleted in Salesforce, so the mapping must"
          + " sync SALESFORCE_TO_QBO; leave it out, or use onDelete for records deleted in QuickBooks");
    }
    String entity = Objects.requireNonNullElse(entry.qboEntity(), entry.object().displayName());
    if (!policy.fits(entity)) {
      String fitting = Arrays.stream(SalesforceDeletePolicy.values()).filter(p -> p.fits(entity))
          .map(Enum::name).collect(Collectors.joining(", "));
      throw yaml.refuse(path(at, "onSalesforceDelete"), "QuickBooks cannot do " + policy + " to a " + entity + " (only to "
          + String.join(", ", policy.entities()) + "); for a " + entity + " use one of " + fitting);
    }
  }

  private static Matching matching(MatchingEntry matching) {
    if (matching == null) {
      return Matching.off();
    }
    List<Matching.Pair> pairs = matching.pairs() == null ? List.of()
        : matching.pairs().stream().map(pair -> new Matching.Pair(pair.qbo(), pair.salesforce())).toList();
    return new Matching(Boolean.TRUE.equals(matching.enabled()), pairs);
  }

  /**
   * The container: made only in Salesforce, so its fields flow QBO_TO_SALESFORCE; it is another sObject than the
   * mapping's, and the lookup to it is the sync's to set, so no field of the mapping writes it.
   */
  private ContainerMapping container(MappingEntry entry, Set<SyncDirection> directions, List<Object> mappingAt) {
    ContainerEntry container = entry.container();
    List<Object> at = path(mappingAt, "container");
    if (!directions.contains(SyncDirection.QBO_TO_SALESFORCE)) {
      throw yaml.refuse(at, "it is made in Salesforce, so the mapping must sync QBO_TO_SALESFORCE; leave it out");
    }
    if (container.salesforceObject().equalsIgnoreCase(entry.salesforceObject())) {
      throw yaml.refuse(path(at, "salesforceObject"), "the container is the parent of the mapping's "
          + entry.salesforceObject() + " records, so it is another sObject");
    }
    for (int i = 0; i < entry.fields().size(); i++) {
      FieldEntry field = entry.fields().get(i);
      Set<SyncDirection> flows = field.direction() == null ? directions : field.direction().syncDirections();
      if (flows.contains(SyncDirection.QBO_TO_SALESFORCE) && container.field().equalsIgnoreCase(field.salesforce())) {
        throw yaml.refuse(path(path(mappingAt, "fields"), i), "writes " + field.salesforce() + ", which the sync sets to the "
            + container.salesforceObject() + " it makes (container.field); give the field direction: SALESFORCE_TO_QBO"
            + " or remove it");
      }
    }
    List<FieldMapping> containerFields =
        fields(container.fields(), entry.object(), EnumSet.of(SyncDirection.QBO_TO_SALESFORCE), path(at, "fields"));
    return new ContainerMapping(container.salesforceObject(), container.field(),
        Objects.requireNonNullElse(container.externalIdField(), DEFAULT_EXTERNAL_ID), containerFields);
  }

  private LineMapping lines(LinesEntry lines, SyncObject object, Set<SyncDirection> directions, List<Object> at) {
    LineMapping mapped = new LineMapping(lines.salesforceObject(), lines.parentField(), lines.externalIdField(),
        lines.qboPath(), lines.qboFilter(), lines.qboLineId(), lines.qboComputed(), lines.qboInner(),
        Boolean.TRUE.equals(lines.checkTotal()), lines.priceBookEntryField(),
        fields(lines.fields(), object, directions, path(at, "fields")));
    if (lines.externalIdField() == null && mapped.writtenToSalesforce()) {
      throw yaml.refuse(path(at, "externalIdField"), "required when lines are written to Salesforce");
    }
    if (lines.priceBookEntryField() != null && mapped.writtenToSalesforce() && mapped.productField().isEmpty()) {
      throw yaml.refuse(path(at, "priceBookEntryField"), "needs the line's product: a line field with reference: Item"
          + " written to Salesforce (e.g. {salesforce: Product2Id, qbo: SalesItemLineDetail.ItemRef.value, reference: Item})");
    }
    if (lines.qboLineId() != null) {
      List<String> paths = FieldMapping.placeholders(lines.qboLineId());
      if (paths.isEmpty() || paths.stream().anyMatch(p -> p.startsWith("parent."))) {
        throw yaml.refuse(path(at, "qboLineId"), "give the line's own paths in {placeholders}, e.g. "
            + "\"{LinkedTxn[0].TxnType}-{LinkedTxn[0].TxnId}\"");
      }
    }
    return mapped;
  }

  /** The fields of a mapping or its lines; no two may write one Salesforce field or one QuickBooks path. */
  private List<FieldMapping> fields(List<FieldEntry> entries, SyncObject object, Set<SyncDirection> directions,
      List<Object> at) {
    List<FieldMapping> fields = new ArrayList<>();
    Map<String, FieldMapping> salesforceTargets = new LinkedHashMap<>();
    Map<String, FieldMapping> qboTargets = new LinkedHashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      if (Boolean.TRUE.equals(entries.get(i).multiCurrency()) && !multiCurrency) {
        continue; // a currency field of a multi-currency org; left out while the mappings say multiCurrency: false
      }
      List<Object> fieldAt = path(at, i);
      FieldMapping field = field(entries.get(i), object, directions, fieldAt);
      if (field.flows(SyncDirection.QBO_TO_SALESFORCE)) {
        FieldMapping other = salesforceTargets.putIfAbsent(field.salesforce().toLowerCase(Locale.ROOT), field);
        if (other != null) {
          throw yaml.refuse(fieldAt, "Salesforce field " + field.salesforce() + " is mapped twice (also at "
              + other.origin() + ")");
        }
      }
      if (field.flows(SyncDirection.SALESFORCE_TO_QBO)) {
        for (String qboPath : field.qbo()) {
          FieldMapping other = qboTargets.putIfAbsent(qboPath, field);
          if (other != null) {
            throw yaml.refuse(fieldAt, "QuickBooks field " + qboPath + " is written twice (also at " + other.origin() + ")");
          }
        }
      }
      fields.add(field);
    }
    return fields;
  }

  /** A field, checked against the mapping's object and directions (the file's constraints are met). */
  private FieldMapping field(FieldEntry f, SyncObject object, Set<SyncDirection> mappingDirections, List<Object> at) {
    Set<SyncDirection> directions = f.direction() == null ? mappingDirections : f.direction().syncDirections();
    if (!mappingDirections.containsAll(directions)) {
      throw yaml.refuse(path(at, "direction"), "the mapping syncs only " + mappingDirections + "; a field cannot flow "
          + directions);
    }
    if (f.reference() != null && !object.parents().contains(f.reference())) {
      throw yaml.refuse(path(at, "reference"), object.displayName() + " does not reference "
          + f.reference().displayName() + "; its parents are " + object.parents());
    }
    List<String> qbo = f.qbo() == null ? List.of() : f.qbo();
    boolean valueGiven = Stream.of(f.constant(), f.template(), f.function()).anyMatch(Objects::nonNull);
    if ((f.constant() != null || f.template() != null) && directions.size() > 1) {
      throw yaml.refuse(at, "a " + (f.constant() != null ? "constant" : "template")
          + " flows one way; set direction to QBO_TO_SALESFORCE or SALESFORCE_TO_QBO");
    }
    boolean alternatives = qbo.size() > 1 && f.type() != null && f.type() != ValueType.TEXT;
    if (alternatives && directions.contains(SyncDirection.SALESFORCE_TO_QBO)) {
      throw yaml.refuse(at, "QuickBooks fields of a " + f.type().name().toLowerCase(Locale.ROOT) + " are alternatives"
          + " (the first with a value), which cannot be written back; set direction: QBO_TO_SALESFORCE, or leave type"
          + " out to join them as text");
    }
    if (f.function() != null && directions.contains(SyncDirection.SALESFORCE_TO_QBO)) {
      throw yaml.refuse(at, "a function computes a Salesforce value; set direction: QBO_TO_SALESFORCE");
    }
    if (directions.contains(SyncDirection.QBO_TO_SALESFORCE)) {
      if (f.salesforce() == null) {
        throw yaml.refuse(at, "name the Salesforce field it writes (salesforce), or set direction: SALESFORCE_TO_QBO");
      }
      if (qbo.isEmpty() && !valueGiven) {
        throw yaml.refuse(at, "give the QuickBooks field it comes from (qbo), or a constant, template or function");
      }
    }
    if (directions.contains(SyncDirection.SALESFORCE_TO_QBO)) {
      checkWritableToQuickBooks(f, qbo, valueGiven, directions, at);
    }
    return new FieldMapping(
        f.salesforce(),
        qbo,
        directions,
        Objects.requireNonNullElse(f.type(), ValueType.TEXT),
        f.reference(),
        Boolean.TRUE.equals(f.required()),
        f.length(),
        f.qboLength(),
        f.transforms(),
        f.map(),
        f.reverseMap(),
        f.defaultValue(),
        f.constant(),
        f.template(),
        f.function(),
        Boolean.TRUE.equals(f.createOnly()),
        yaml.origin(at));
  }

  private void checkWritableToQuickBooks(FieldEntry f, List<String> qbo, boolean valueGiven,
      Set<SyncDirection> directions, List<Object> at) {
    if (qbo.isEmpty()) {
      throw yaml.refuse(at, "name the QuickBooks field it writes (qbo), or set direction: QBO_TO_SALESFORCE");
    }
    for (String qboPath : qbo) {
      if (qboPath.contains("[")) {
        throw yaml.refuse(path(at, "qbo"), "'" + qboPath
            + "' selects array elements; only plain dotted paths can be written to QuickBooks");
      }
    }
    if (f.salesforce() == null && !valueGiven) {
      throw yaml.refuse(at, "give the Salesforce field it comes from (salesforce), or a constant or template");
    }
    if (directions.size() > 1 && f.map() != null && !f.map().isEmpty() && (f.reverseMap() == null || f.reverseMap().isEmpty())) {
      Set<String> seen = new HashSet<>();
      for (String target : f.map().values()) {
        if (!seen.add(target)) {
          throw yaml.refuse(path(at, "map"), "'" + target
              + "' is the value of two QuickBooks values, so it cannot be mapped back; give reverseMap");
        }
      }
    }
  }

  private static List<Object> path(List<Object> at, Object step) {
    List<Object> path = new ArrayList<>(at);
    path.add(step);
    return path;
  }
}
