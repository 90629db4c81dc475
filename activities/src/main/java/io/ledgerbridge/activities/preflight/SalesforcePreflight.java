package io.ledgerbridge.activities.preflight;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.activities.mapping.ContainerMapping;
import io.ledgerbridge.activities.mapping.FieldMapping;
import io.ledgerbridge.activities.mapping.Functions;
import io.ledgerbridge.activities.mapping.Mappings;
import io.ledgerbridge.activities.mapping.ObjectMapping;
import io.ledgerbridge.activities.mapping.ValueType;
import io.ledgerbridge.activities.salesforce.SalesforceClient;
import io.ledgerbridge.activities.salesforce.SalesforceException;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.sync.PreflightRequest;
import io.ledgerbridge.workflows.sync.PreflightResult;
import io.ledgerbridge.workflows.sync.PreflightResult.Problem;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the mappings against the org with describe calls: every mapped Salesforce object and field
 * exists, has a type the mapped value fits, can be written where the sync writes it, and the
 * external-id fields are External IDs; and, for a named QuickBooks company, that the accounts the Item mapping names
 * are in its chart of accounts with the right type and the mappings fit its currency and tax settings ({@link
 * CompanyPreflight}). Reports exactly what is missing or wrong, reads only.
 */
public final class SalesforcePreflight {
  private static final Set<String> TEXT_TYPES =
      Set.of("string", "textarea", "phone", "url", "email", "picklist", "multipicklist", "combobox", "encryptedstring");
  private static final Set<String> NUMBER_TYPES = Set.of("double", "currency", "percent", "int", "long");
  private static final Set<String> DATE_TYPES = Set.of("date", "datetime");
  private static final Set<String> REFERENCE_TYPES = Set.of("reference", "id");

  private final SalesforceClient salesforce;
  private final Mappings mappings;
  private final CompanyPreflight company;

  public SalesforcePreflight(SalesforceClient salesforce, Mappings mappings, CompanyPreflight company) {
    this.salesforce = Objects.requireNonNull(salesforce, "salesforce");
    this.mappings = Objects.requireNonNull(mappings, "mappings");
    this.company = Objects.requireNonNull(company, "company");
  }

  /** Checks the requested objects (all when none are named) in the requested direction (both when null). */
  public PreflightResult check(PreflightRequest request) {
    PreflightRequest wanted = request == null ? PreflightRequest.everything() : request;
    List<ObjectMapping> selected = new ArrayList<>();
    for (ObjectMapping mapping : mappings.all()) {
      boolean objectWanted = wanted.objects().isEmpty() || wanted.objects().contains(mapping.object());
      boolean directionWanted = wanted.direction() == null || mapping.flows(wanted.direction());
      if (objectWanted && directionWanted) {
        selected.add(mapping);
      }
    }
    PreflightResult result = check(wanted.companyId(), selected, wanted.direction());
    if (wanted.companyId() == null) {
      return result;
    }
    List<Problem> problems = new ArrayList<>(result.problems());
    problems.addAll(company.itemAccountProblems(wanted.companyId(), selected, wanted.direction()));
    return new PreflightResult(problems.isEmpty(), problems, result.checked());
  }

  /**
   * Checks these mappings, in {@code direction} only when it is not null, against the org and, when {@code realmId}
   * is not null, that QuickBooks company's settings.
   */
  public PreflightResult check(String realmId, List<ObjectMapping> selected, SyncDirection direction) {
    Map<String, Optional<Map<String, JsonNode>>> described = new LinkedHashMap<>();
    List<Problem> problems = new ArrayList<>();
    for (ObjectMapping mapping : selected) {
      Set<SyncDirection> directions = EnumSet.noneOf(SyncDirection.class);
      directions.addAll(mapping.directions());
      if (direction != null) {
        directions.retainAll(Set.of(direction));
      }
      new Check(mapping, directions, described, problems).run();
    }
    if (realmId != null) {
      company.check(realmId, selected, direction).stream().filter(p -> !problems.contains(p)).forEach(problems::add);
    }
    return new PreflightResult(problems.isEmpty(), problems, List.copyOf(described.keySet()));
  }

  private final class Check {
    private final ObjectMapping mapping;
    private final Set<SyncDirection> directions;
    private final Map<String, Optional<Map<String, JsonNode>>> described;
    private final List<Problem> problems;

    Check(ObjectMapping mapping, Set<SyncDirection> directions, Map<String, Optional<Map<String, JsonNode>>> described,
        List<Problem> problems) {
      this.mapping = mapping;
      this.directions = directions;
      this.described = described;
      this.problems = problems;
    }

    void run() {
      boolean toSalesforce = directions.contains(SyncDirection.QBO_TO_SALESFORCE);
      boolean toQbo = directions.contains(SyncDirection.SALESFORCE_TO_QBO);
      String type = mapping.salesforceObject();
      Optional<Map<String, JsonNode>> fields = describe(type);
      if (fields.isEmpty()) {
        problem(type, null, "the object is missing (deploy src/salesforce, or correct salesforceObject in the mappings)");
        return;
      }
      externalId(type, mapping.externalIdField(), toQbo);
      if (mapping.recordType() != null) {
        recordType(type, mapping.recordType(), toSalesforce);
      }
      for (FieldMapping field : mapping.fields()) {
        field(type, field, toSalesforce, toQbo, SyncObject.class.cast(mapping.object()));
      }
      if (toSalesforce) {
        for (String name : mapping.onDelete().keySet()) {
          writable(type, name, "onDelete");
        }
        if (mapping.originField() != null) {
          JsonNode origin = writable(type, mapping.originField(), "originField");
          Optional<String> originType = mappings.find(mapping.object(), SyncDirection.SALESFORCE_TO_QBO)
              .map(ObjectMapping::salesforceObject);
          if (origin != null && originType.isPresent() && !referencesTo(origin, originType.get())) {
            problem(type, mapping.originField(), "must be a lookup to " + originType.get() + ", it is "
                + describeType(origin));
          }
        }
      }
      for (var pair : mapping.matching().enabled() ? mapping.matching().pairs() : List.<io.ledgerbridge.activities.mapping.Matching.Pair>of()) {
        exists(type, pair.salesforce(), "matching");
      }
      if (mapping.lines() != null) {
        String lineType = mapping.lines().salesforceObject();
        if (describe(lineType).isEmpty()) {
          problem(lineType, null, "the line object is missing (deploy src/salesforce, or correct lines.salesforceObject)");
        } else {
          JsonNode parent = exists(lineType, mapping.lines().parentField(), "lines.parentField");
          if (parent != null && !referencesTo(parent, type)) {
            problem(lineType, mapping.lines().parentField(), "must be a lookup to " + type + ", it is "
                + describeType(parent));
          }
          if (toSalesforce && mapping.lines().externalIdField() != null) {
            externalId(lineType, mapping.lines().externalIdField(), false);
          }
          String entryField = mapping.lines().priceBookEntryField();
          String product = entryField == null ? null : mapping.lines().productField().orElse(null);
          for (FieldMapping field : mapping.lines().fields()) {
            boolean throughEntry = field.salesforce() != null && field.salesforce().equals(product);
            field(lineType, field, toSalesforce && !throughEntry, toQbo, mapping.object());
            if (toSalesforce && throughEntry) {
              // Written as the product's price book entry; the product itself is read back to compare.
              exists(lineType, product, "the line's product");
              writable(lineType, entryField, "lines.priceBookEntryField");
            }
          }
        }
      }
      if (toSalesforce && mapping.container() != null) {
        container(type, mapping.container());
      }
      if (mapping.standardPrice() != null) {
        if (describe("PricebookEntry").isEmpty()) {
          problem("PricebookEntry", null, "the object is missing; product prices are kept in the standard price book");
        } else {
          for (String name : List.of("Pricebook2Id", "Product2Id", "UnitPrice")) {
            exists("PricebookEntry", name, "standardPrice");
          }
        }
      }
    }

    /**
     * The record type the mapping's records have: a name the org lacks would match no record when reading and
     * fail every create, so it is a problem either way; going to Salesforce, the records made get it.
     */
    private void recordType(String type, String developerName, boolean toSalesforce) {
      if (toSalesforce) {
        writable(type, "RecordTypeId", "recordType");
      }
      if (salesforce.activeRecordTypeId(type, developerName).isEmpty()) {
        problem(type, "RecordTypeId", "the org has no active " + type + " record type named " + developerName
            + ", which the mapping's recordType names (Setup, Object Manager, " + type + ", Record Types)");
      }
    }

    /** The parent record the sync makes: its object, key and fields, and the record's lookup to it. */
    private void container(String type, ContainerMapping container) {
      String containerType = container.salesforceObject();
      if (describe(containerType).isEmpty()) {
        problem(containerType, null, "the container object is missing (deploy src/salesforce, or correct"
            + " container.salesforceObject)");
        return;
      }
      JsonNode lookup = exists(type, container.field(), "container.field");
      if (lookup != null && !referencesTo(lookup, containerType)) {
        problem(type, container.field(), "must be a lookup to " + containerType + ", it is " + describeType(lookup));
      }
      externalId(containerType, container.externalIdField(), false);
      for (FieldMapping field : container.fields()) {
        field(containerType, field, true, false, mapping.object());
      }
    }

    private void externalId(String type, String name, boolean writtenBack) {
      JsonNode field = exists(type, name, "externalIdField");
      if (field == null) {
        return;
      }
      if (!field.path("externalId").asBoolean(false)) {
        problem(type, name, "must be marked External ID (and Unique) so upserts can match on it");
      }
      if (!TEXT_TYPES.contains(describeType(field))) {
        problem(type, name, "must be a Text field for {realmId}-{QuickBooks Id}, it is " + describeType(field));
      } else if (field.path("length").asInt(0) > 0 && field.path("length").asInt() < 40) {
        problem(type, name, "holds " + field.path("length").asInt() + " characters; {realmId}-{QuickBooks Id} needs 40 or more");
      }
      if (writtenBack && !field.path("updateable").asBoolean(false)) {
        problem(type, name, "must be editable: the new QuickBooks key is written back to it");
      }
    }

    private void field(String type, FieldMapping field, boolean toSalesforce, boolean toQbo, SyncObject object) {
      boolean writes = toSalesforce && field.flows(SyncDirection.QBO_TO_SALESFORCE);
      boolean reads = toQbo && field.flows(SyncDirection.SALESFORCE_TO_QBO);
      if (writes) {
        JsonNode described = writable(type, field.salesforce(), "mapped from QuickBooks");
        if (described != null) {
          compatible(type, field, described, SyncDirection.QBO_TO_SALESFORCE);
          Integer declared = field.length();
          int actual = described.path("length").asInt(0);
          if (declared != null && actual > 0 && declared > actual && TEXT_TYPES.contains(describeType(described))) {
            problem(type, field.salesforce(), "holds " + actual + " characters but the mapping allows " + declared
                + "; longer values would be refused (set length: " + actual + ")");
          }
        }
      }
      if (reads) {
        for (String name : field.salesforceFieldsRead()) {
          JsonNode described = exists(type, name, "mapped to QuickBooks");
          if (described != null && field.template() == null && name.equals(field.salesforce())) {
            compatible(type, field, described, SyncDirection.SALESFORCE_TO_QBO);
          }
        }
      }
    }

    private void compatible(String type, FieldMapping field, JsonNode described, SyncDirection direction) {
      String actual = describeType(described);
      if (field.reference() != null) {
        String parentObject = mappings.find(field.reference(), direction).map(ObjectMapping::salesforceObject).orElse(null);
        if (!REFERENCE_TYPES.contains(actual) || parentObject != null && !referencesTo(described, parentObject)) {
          problem(type, field.salesforce(), "must be a lookup to " + parentObject + " (it holds the "
              + field.reference().displayName() + " reference), it is " + actual
              + (described.path("referenceTo").isEmpty() ? "" : " to " + described.path("referenceTo")));
        }
        return;
      }
      Set<String> fits = switch (field.type()) {
        case TEXT -> TEXT_TYPES;
        case NUMBER -> NUMBER_TYPES;
        case BOOLEAN -> Set.of("boolean");
        case DATE -> DATE_TYPES;
      };
      if (!fits.contains(actual)) {
        problem(type, field.salesforce(), "is " + actual + ", which cannot hold a " + field.type().name().toLowerCase(Locale.ROOT)
            + " value; expected one of " + new java.util.TreeSet<>(fits));
      }
      if (field.type() == ValueType.TEXT && "picklist".equals(actual) && direction == SyncDirection.QBO_TO_SALESFORCE
          && described.path("restrictedPicklist").asBoolean(false)) {
        Set<String> allowed = new java.util.HashSet<>();
        described.path("picklistValues").forEach(v -> allowed.add(v.path("value").asText()));
        for (String value : constantValues(field)) {
          if (!allowed.isEmpty() && !allowed.contains(value)) {
            problem(type, field.salesforce(), "is a restricted picklist without the value '" + value
                + "' the mapping writes; add it to the picklist");
          }
        }
      }
    }

    private List<String> constantValues(FieldMapping field) {
      List<String> values = new ArrayList<>(field.map().values());
      if (field.constant() != null) {
        values.add(field.constant());
      }
      if (field.defaultValue() != null) {
        values.add(field.defaultValue());
      }
      if (field.function() != null) {
        Functions.possibleValues(field.function()).forEach(value -> values.add(field.map().getOrDefault(value, value)));
      }
      if (field.salesforce() != null && mapping.onDelete().containsKey(field.salesforce())) {
        values.add(mapping.onDelete().get(field.salesforce()));
      }
      return values;
    }

    private JsonNode writable(String type, String name, String why) {
      JsonNode field = exists(type, name, why);
      if (field != null && !field.path("createable").asBoolean(false) && !field.path("updateable").asBoolean(false)) {
        problem(type, name, "is read-only for the integration user, but the sync writes it (" + why + ")");
      }
      return field;
    }

    private JsonNode exists(String type, String name, String why) {
      Optional<Map<String, JsonNode>> fields = describe(type);
      if (fields.isEmpty()) {
        return null;
      }
      JsonNode field = fields.get().get(name.toLowerCase(Locale.ROOT));
      if (field == null) {
        problem(type, name, "missing (" + why + "); deploy src/salesforce or correct the mappings file");
      }
      return field;
    }

    private Optional<Map<String, JsonNode>> describe(String type) {
      return described.computeIfAbsent(type, t -> {
        try {
          JsonNode result = salesforce.describe(t);
          Map<String, JsonNode> fields = new LinkedHashMap<>();
          result.path("fields").forEach(f -> fields.put(f.path("name").asText().toLowerCase(Locale.ROOT), f));
          return Optional.of(fields);
        } catch (SalesforceException e) {
          if (e.httpStatus() == 404 || "NOT_FOUND".equals(e.code()) || "INVALID_TYPE".equals(e.code())) {
            return Optional.empty();
          }
          throw e;
        }
      });
    }

    private void problem(String type, String field, String what) {
      Problem problem = new Problem(mapping.object().displayName(), type, field, what);
      if (!problems.contains(problem)) {
        problems.add(problem);
      }
    }
  }

  private static String describeType(JsonNode field) {
    return field.path("type").asText("").toLowerCase(Locale.ROOT);
  }

  private static boolean referencesTo(JsonNode field, String object) {
    for (JsonNode target : field.path("referenceTo")) {
      if (target.asText().equalsIgnoreCase(object)) {
        return true;
      }
    }
    return false;
  }
}
