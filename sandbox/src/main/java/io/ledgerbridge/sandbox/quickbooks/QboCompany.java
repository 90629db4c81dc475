package io.ledgerbridge.sandbox.quickbooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.http.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One QBO company (realm): its entity tables and the common write lifecycle of every entity (ids,
 * SyncToken, MetaData, sparse vs full update). Writes are serialised by the company lock so that
 * SyncToken checks, unique names and balances stay consistent under concurrent calls; reads need no lock.
 */
final class QboCompany {
  /** Fields every entity carries that only the server sets. */
  private static final Set<String> SYSTEM_FIELDS = Set.of("Id", "SyncToken", "MetaData", "domain", "sparse", "status");

  private final String realmId;
  private final QboTime time;
  private final java.util.function.Consumer<QboWebhooks.Change> changes;
  private final Map<String, EntityTable> tablesByName = new LinkedHashMap<>();
  private final AtomicLong lastAddressId = new AtomicLong();
  /** Invoice numbers are assigned from here when the client sends no DocNumber. */
  private final AtomicLong lastDocNumber = new AtomicLong(1000);

  /** @param changes told of every create, update, void and delete, for webhooks */
  QboCompany(String realmId, QboTime time, List<EntityKind> kinds, java.util.function.Consumer<QboWebhooks.Change> changes) {
    this.realmId = realmId;
    this.time = time;
    this.changes = changes;
    for (EntityKind kind : kinds) {
      tablesByName.put(kind.name().toLowerCase(Locale.ROOT), new EntityTable(kind));
    }
    configure("US", "USD", false, true);
  }

  /**
   * Sets what a company is given at sign-up: its country (which picks its tax model and its TaxCodes), its home
   * currency, whether multi-currency is on, and whether QuickBooks computes US sales tax itself (automated sales
   * tax). The sandbox's stand-in for signing up a company in another country; Preferences' own rules apply to
   * updates through the API.
   */
  synchronized void configure(String country, String homeCurrency, boolean multiCurrency, boolean automatedSalesTax) {
    if (!QboCurrencies.known(homeCurrency)) {
      throw new IllegalArgumentException("unknown currency " + homeCurrency);
    }
    Instant now = time.now();
    putSetting(table("Preferences"), PreferencesKind.ID,
        PreferencesKind.initial(homeCurrency, multiCurrency, automatedSalesTax && "US".equals(country)), now);
    putSetting(table("CompanyInfo"), CompanyInfoKind.ID, CompanyInfoKind.initial(realmId, country), now);
    EntityTable taxCodes = table("TaxCode");
    taxCodes.clear();
    for (TaxCodeKind.Code code : TaxCodeKind.seededFor(country)) {
      putSetting(taxCodes, code.id(), TaxCodeKind.row(code), now);
    }
  }

  private void putSetting(EntityTable table, long id, ObjectNode content, Instant now) {
    ObjectNode existing = table.get(id);
    int syncToken = existing == null ? 0 : Integer.parseInt(existing.get("SyncToken").asText()) + 1;
    table.put(id, withSystemFields(content, id, syncToken, now, now));
  }

  private JsonNode preferences() {
    return table("Preferences").get(PreferencesKind.ID);
  }

  boolean multiCurrency() {
    return preferences().at("/CurrencyPrefs/MultiCurrencyEnabled").asBoolean(false);
  }

  String homeCurrency() {
    return preferences().at("/CurrencyPrefs/HomeCurrency/value").asText("USD");
  }

  /** ISO country code of the company, e.g. US or GB. */
  String country() {
    return table("CompanyInfo").get(CompanyInfoKind.ID).path("Country").asText("US");
  }

  boolean automatedSalesTax() {
    return preferences().at("/TaxPrefs/PartnerTaxEnabled").asBoolean(false);
  }

  String realmId() {
    return realmId;
  }

  QboTime time() {
    return time;
  }

  /** The table of an entity name or resource, case-insensitive; null if the sandbox does not simulate it. */
  EntityTable table(String entityOrResource) {
    return tablesByName.get(entityOrResource.toLowerCase(Locale.ROOT));
  }

  Collection<EntityTable> tables() {
    return tablesByName.values();
  }

  /** Ids for physical addresses (BillAddr, ShipAddr), which QBO numbers company-wide. */
  String nextAddressId() {
    return Long.toString(lastAddressId.incrementAndGet());
  }

  /** The next free DocNumber of a transaction table. Caller holds the company lock. */
  String nextDocNumber(EntityTable table) {
    String candidate;
    do {
      candidate = Long.toString(lastDocNumber.incrementAndGet());
    } while (table.ownerOfUniqueKey(candidate) != null);
    return candidate;
  }

  /** Keeps address numbering above ids already used by demo data. */
  void noteAddressId(long used) {
    lastAddressId.accumulateAndGet(used, Math::max);
  }

  /** Keeps automatic numbering above numbers already used, e.g. by demo data. */
  void noteDocNumber(long used) {
    lastDocNumber.accumulateAndGet(used, Math::max);
  }

  /** Moves a customer's derived Balance (open invoices less unapplied payments). */
  void adjustCustomerBalance(String customerId, java.math.BigDecimal delta) {
    if (delta.signum() == 0) {
      return;
    }
    adjustDerived(table("Customer"), customerId, customer -> {
      QboRefs.putMoney(customer, "Balance", QboRefs.moneyOrZero(customer.get("Balance")).add(delta));
      QboRefs.putMoney(customer, "BalanceWithJobs", QboRefs.moneyOrZero(customer.get("BalanceWithJobs")).add(delta));
      return customer;
    });
  }

  ObjectNode read(EntityTable table, String id) {
    ObjectNode row = table.get(id);
    if (row == null) {
      throw QboFault.objectNotFound(table.kind().name(), id);
    }
    return row;
  }

  /** Creates an entity from a client body; server fields in the body are ignored as QBO does. */
  synchronized ObjectNode create(EntityTable table, ObjectNode body) {
    ObjectNode candidate = writableFields(table.kind(), body);
    ObjectNode normalized = table.kind().normalize(this, candidate, null);
    checkUnique(table, normalized, null);
    long id = table.nextId();
    Instant now = time.now();
    ObjectNode stored = withSystemFields(normalized, id, 0, now, now);
    table.put(id, stored);
    table.kind().afterWrite(this, null, stored, now);
    notify(table, id, "Create", now);
    return stored;
  }

  /**
   * Puts generated demo rows under a table. The generator makes rows consistent with each other
   * (balances, links), so no rules or side effects run.
   */
  synchronized void attachSeeded(EntityTable table, SeededRows rows) {
    table.attachSeeded(rows);
  }

  /**
   * Full or sparse update (reference §1.3): needs Id and the current SyncToken; a full update sets omitted
   * writable fields to null, i.e. drops them. An update that changes nothing keeps SyncToken and
   * LastUpdatedTime (UNCONFIRMED: QBO might bump them anyway), so it does not look like a change to CDC.
   * A field sent as an empty string is cleared, the way a sparse update empties a field (omitted ones
   * keep their value); an object, such as an address, left with no field goes too.
   */
  synchronized ObjectNode update(EntityTable table, ObjectNode body) {
    ObjectNode existing = requireCurrent(table, body);
    boolean sparse = body.path("sparse").asBoolean(false);
    ObjectNode candidate = sparse ? writableFields(table.kind(), existing) : Json.object();
    ObjectNode sent = writableFields(table.kind(), body);
    candidate.setAll(sent);
    sent.fieldNames().forEachRemaining(name -> clearEmptied(candidate, name));
    ObjectNode normalized = table.kind().normalize(this, candidate, existing);
    checkUnique(table, normalized, existing.get("Id").asLong());
    if (sameContent(normalized, existing)) {
      return existing;
    }
    return storeNewVersion(table, existing, normalized, time.now(), "Update");
  }

  /**
   * A change the server makes itself, e.g. a payment lowering an invoice's Balance: a new version (SyncToken
   * and LastUpdatedTime move) whose side effects run like a client's update.
   */
  synchronized ObjectNode replaceByServer(EntityTable table, ObjectNode existing, ObjectNode changed, Instant when) {
    ObjectNode content = changed.deepCopy();
    SYSTEM_FIELDS.forEach(content::remove);
    return storeNewVersion(table, existing, content, when, "Update");
  }

  /**
   * Changes a derived figure (a customer's Balance) in place, without a new version: QBO derives these from
   * transactions and, as far as the sandbox assumes (UNCONFIRMED), does not report them as customer changes.
   */
  synchronized void adjustDerived(EntityTable table, String id, java.util.function.UnaryOperator<ObjectNode> change) {
    ObjectNode existing = table.get(id);
    if (existing != null) {
      table.put(existing.get("Id").asLong(), change.apply(existing.deepCopy()));
    }
  }

  /** Deletes a transaction; needs Id and the current SyncToken like an update (reference §1.4). */
  synchronized ObjectNode delete(EntityTable table, ObjectNode body) {
    if (!table.kind().deletable()) {
      throw QboFault.unsupportedOperation("Operation Delete is not supported for entity " + table.kind().name()
          + ". Make it inactive with a sparse update setting Active to false.");
    }
    ObjectNode existing = requireCurrent(table, body);
    table.kind().checkDelete(this, existing);
    long id = existing.get("Id").asLong();
    Instant now = time.now();
    table.delete(id, now);
    table.kind().afterWrite(this, existing, null, now);
    notify(table, id, "Delete", now);
    ObjectNode deleted = Json.object();
    deleted.put("status", "Deleted");
    deleted.put("domain", "QBO");
    deleted.put("Id", Long.toString(id));
    return deleted;
  }

  /** Voids a transaction (Invoice, Payment): it stays, with its amounts zeroed. */
  synchronized ObjectNode voidTransaction(EntityTable table, ObjectNode body) {
    if (!table.kind().voidable()) {
      throw QboFault.unsupportedOperation("Operation Void is not supported for entity " + table.kind().name() + ".");
    }
    ObjectNode existing = requireCurrent(table, body);
    ObjectNode voided = table.kind().voided(this, existing);
    SYSTEM_FIELDS.forEach(voided::remove);
    return storeNewVersion(table, existing, voided, time.now(), "Void");
  }

  private ObjectNode storeNewVersion(EntityTable table, ObjectNode existing, ObjectNode content, Instant when,
      String operation) {
    long id = existing.get("Id").asLong();
    int syncToken = Integer.parseInt(existing.get("SyncToken").asText()) + 1;
    Instant created = QboTime.parseDateTime(existing.path("MetaData").path("CreateTime").asText());
    ObjectNode stored = withSystemFields(content, id, syncToken, created, when);
    table.put(id, stored);
    table.kind().afterWrite(this, existing, stored, when);
    notify(table, id, operation, when);
    return stored;
  }

  private void notify(EntityTable table, long id, String operation, Instant when) {
    changes.accept(new QboWebhooks.Change(realmId, table.kind().name(), Long.toString(id), operation, when));
  }

  private ObjectNode requireCurrent(EntityTable table, ObjectNode body) {
    JsonNode id = body.get("Id");
    if (id == null || id.isNull() || id.asText().isBlank()) {
      throw QboFault.requiredParameter("Id");
    }
    ObjectNode existing = table.get(id.asText());
    if (existing == null) {
      throw QboFault.objectNotFound(table.kind().name(), id.asText());
    }
    JsonNode syncToken = body.get("SyncToken");
    if (syncToken == null || syncToken.isNull() || syncToken.asText().isBlank()) {
      throw QboFault.requiredParameter("SyncToken");
    }
    if (!syncToken.asText().trim().equals(existing.get("SyncToken").asText())) {
      throw QboFault.staleObject();
    }
    return existing;
  }

  /** Refuses a unique key that a live row of this table, or of a table sharing its scope, holds already. */
  private void checkUnique(EntityTable table, ObjectNode node, Long selfId) {
    String key = table.kind().uniqueKey(node);
    for (EntityTable other : tables()) {
      if (!other.kind().uniqueKeyScope().equals(table.kind().uniqueKeyScope())) {
        continue;
      }
      Long owner = other.ownerOfUniqueKey(key);
      if (owner != null && !(other == table && owner.equals(selfId))) {
        throw table.kind().duplicateFault();
      }
    }
  }

  private static ObjectNode writableFields(EntityKind kind, ObjectNode source) {
    ObjectNode copy = source.deepCopy();
    SYSTEM_FIELDS.forEach(copy::remove);
    kind.readOnlyFields().forEach(copy::remove);
    return copy;
  }

  /** Removes {@code object}'s field {@code name} if it is an empty string, or an object holding only such fields. */
  private static void clearEmptied(ObjectNode object, String name) {
    JsonNode value = object.get(name);
    if (value instanceof ObjectNode inner) {
      List<String> innerNames = new ArrayList<>();
      inner.fieldNames().forEachRemaining(innerNames::add);
      innerNames.forEach(innerName -> clearEmptied(inner, innerName));
    }
    if (value != null && (value.isTextual() && value.asText().isEmpty() || value.isObject() && value.isEmpty())) {
      object.remove(name);
    }
  }

  private static boolean sameContent(ObjectNode normalized, ObjectNode existing) {
    ObjectNode current = existing.deepCopy();
    SYSTEM_FIELDS.forEach(current::remove);
    return current.equals(normalized);
  }

  static ObjectNode withSystemFields(ObjectNode content, long id, int syncToken, Instant created, Instant updated) {
    ObjectNode stored = Json.object();
    stored.put("Id", Long.toString(id));
    stored.put("SyncToken", Integer.toString(syncToken));
    stored.put("domain", "QBO");
    stored.put("sparse", false);
    ObjectNode metadata = stored.putObject("MetaData");
    metadata.put("CreateTime", QboTime.metadata(created));
    metadata.put("LastUpdatedTime", QboTime.metadata(updated));
    for (Iterator<Map.Entry<String, JsonNode>> it = content.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      stored.set(field.getKey(), field.getValue());
    }
    return stored;
  }
}
