package io.ledgerbridge.activities.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.activities.errors.RemoteFailures;
import io.ledgerbridge.activities.mapping.ObjectMapping;
import io.ledgerbridge.activities.salesforce.SalesforceClient;
import io.ledgerbridge.activities.salesforce.SalesforceError;
import io.ledgerbridge.activities.salesforce.SaveResult;
import io.ledgerbridge.workflows.sync.FailureType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Salesforce as the sync reads and writes it: changes ordered by {@code SystemModstamp} up to the
 * newest one when the read starts, queries with {@code IN} lists of one collection's worth, writes
 * in collections of 200 with records turned away for a passing reason written once more, and the
 * org's standard price book, read once.
 */
final class SalesforceSide implements Side {
  private static final Logger log = LoggerFactory.getLogger(SalesforceSide.class);

  final SalesforceClient client;
  private final SyncOptions options;
  private final AtomicReference<String> standardPricebookId = new AtomicReference<>();

  SalesforceSide(SalesforceClient client, SyncOptions options) {
    this.client = client;
    this.options = options;
  }

  @Override
  public String system() {
    return "Salesforce";
  }

  /**
   * Pages up to the newest modstamp at the start, so the sync's own write-backs during the run wait
   * for the next run (where they read as unchanged); for products, also names those whose standard
   * price changed without the product itself changing.
   */
  @Override
  public ChangesRead readChanges(SyncRun run, Pager pager, String cursor) {
    ObjectMapping mapping = run.mapping;
    String condition = mapping.salesforceCondition();
    Instant upper = newestModstamp(mapping.salesforceObject(), condition);
    String priceCondition = mapping.standardPrice() == null ? null
        : "Pricebook2Id = " + SalesforceClient.quote(standardPricebookId());
    if (priceCondition != null) {
      Instant newestPrice = newestModstamp("PricebookEntry", priceCondition);
      upper = upper == null || newestPrice != null && newestPrice.isAfter(upper) ? newestPrice : upper;
    }
    if (upper == null) {
      return new ChangesRead(pager.maxSeen(), List.of());
    }
    String select = String.join(", ", mapping.salesforceFieldsRead());
    int size = options.salesforcePageSize();
    Set<String> read = new HashSet<>();
    while (true) {
      SyncProgress at = pager.position();
      String where = " FROM " + mapping.salesforceObject() + " WHERE " + modstampRange(condition, at.lower(), upper);
      String soql = "SELECT " + select + where + " ORDER BY SystemModstamp, Id LIMIT " + size
          + (at.position() > 1 ? " OFFSET " + (at.position() - 1) : "");
      List<ObjectNode> records = client.queryAll(soql);
      records.forEach(record -> read.add(record.path("Id").asText()));
      pager.syncPage(run, records, records.size() >= size, () -> client.query("SELECT COUNT()" + where).totalSize());
      if (records.size() < size) {
        break;
      }
    }
    List<String> repriced = List.of();
    if (priceCondition != null && cursor != null) {
      // A new price changes the PricebookEntry, not the Product2: its SystemModstamp stays put.
      repriced = client.queryAll("SELECT Product2Id FROM PricebookEntry WHERE "
              + modstampRange(priceCondition, cursor, upper)).stream()
          .map(entry -> entry.path("Product2Id").asText())
          .filter(productId -> !read.contains(productId) && !run.retried.contains(productId))
          .distinct()
          .toList();
      if (!repriced.isEmpty()) {
        log.info("{}: {} product(s) whose standard price alone changed", run, repriced.size());
      }
    }
    String maxSeen = pager.maxSeen();
    String reached = priceCondition == null || maxSeen != null && !Times.salesforce(maxSeen).isBefore(upper)
        ? maxSeen
        : Times.soql(upper);
    return new ChangesRead(reached, repriced);
  }

  /** The mapping's condition holds here too: a lost deal is no invoice, whoever asks. */
  @Override
  public Map<String, ObjectNode> readByIds(SyncRun run, Collection<String> ids) {
    Map<String, ObjectNode> byId = new LinkedHashMap<>();
    ObjectMapping mapping = run.mapping;
    for (ObjectNode record : in(mapping.salesforceObject(), String.join(", ", mapping.salesforceFieldsRead()), "Id", ids,
        mapping.salesforceCondition())) {
      byId.put(record.path("Id").asText(), record);
    }
    return byId;
  }

  @Override
  public String changedAt(ObjectNode record) {
    Instant modstamp = Times.modstamp(record);
    return modstamp == null ? null : Times.soql(modstamp);
  }

  @Override
  public Instant instant(String changedAt) {
    return Times.salesforce(changedAt);
  }

  /** Deletes in Salesforce are not synced. */
  @Override
  public List<String> deletedSince(SyncRun run, String cursor) {
    return List.of();
  }

  @Override
  public boolean goneMeansDeleted() {
    return false;
  }

  @Override
  public String notFound(SyncRun run, String id) {
    ObjectMapping mapping = run.mapping;
    return "Salesforce has no " + mapping.salesforceObject() + " " + id
        + (mapping.salesforceCondition() == null ? "" : " with " + mapping.salesforceCondition());
  }

  /** The records of {@link SalesforceClient#inQueries}, all pages of each. */
  List<ObjectNode> in(String type, String select, String field, Collection<String> values, String condition) {
    List<ObjectNode> records = new ArrayList<>();
    for (String soql : SalesforceClient.inQueries(type, select, field, values, condition)) {
      records.addAll(client.queryAll(soql));
    }
    return records;
  }

  /**
   * Writes records with {@code write} (a collection call per 200) and once more those Salesforce
   * turned away for a passing reason, such as a locked row; a whole request that fails throws.
   *
   * @return one result per record, in input order
   */
  <T> List<SaveResult> write(List<T> records, Function<List<T>, List<SaveResult>> write) {
    if (records.isEmpty()) {
      return List.of();
    }
    List<SaveResult> results = new ArrayList<>(write.apply(records));
    List<Integer> passing = new ArrayList<>();
    for (int i = 0; i < results.size(); i++) {
      if (!results.get(i).success() && RemoteFailures.recordFailureType(firstError(results.get(i))).retryable()) {
        passing.add(i);
      }
    }
    if (!passing.isEmpty()) {
      log.info("Writing again {} Salesforce record(s) turned away for a passing reason", passing.size());
      List<SaveResult> again = write.apply(passing.stream().map(records::get).toList());
      for (int i = 0; i < passing.size(); i++) {
        results.set(passing.get(i), again.get(i));
      }
    }
    return results;
  }

  /**
   * Whether a record read back holds the values written to it (numbers compared as numbers): when it
   * does not, someone changed it after the write.
   */
  static boolean holds(ObjectNode readBack, ObjectNode written) {
    var fields = written.fields();
    while (fields.hasNext()) {
      var field = fields.next();
      if (field.getValue().isValueNode() && !sameValue(field.getValue(), readBack.get(field.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** Two field values alike as Salesforce stores them: absent, null and "" are one; numbers by value. */
  private static boolean sameValue(JsonNode a, JsonNode b) {
    String left = Side.text(a);
    String right = Side.text(b);
    if (left == null || right == null) {
      return left == null && right == null;
    }
    if ((a.isNumber() || b.isNumber()) && left.matches("-?[0-9.]+") && right.matches("-?[0-9.]+")) {
      return new BigDecimal(left).compareTo(new BigDecimal(right)) == 0;
    }
    return left.equals(right);
  }

  static SalesforceError firstError(SaveResult result) {
    return result.errors().isEmpty() ? null : result.errors().get(0);
  }

  /** The id of the org's standard price book, read once. */
  String standardPricebookId() {
    String id = standardPricebookId.get();
    if (id == null) {
      List<ObjectNode> books = client.queryAll("SELECT Id FROM Pricebook2 WHERE IsStandard = true LIMIT 1");
      if (books.isEmpty()) {
        throw RemoteFailures.failure(
            FailureType.CONFIGURATION,
            "the Salesforce org has no standard price book, so product prices cannot be kept; activate the"
                + " standard price book (Setup, Price Books)");
      }
      id = books.get(0).get("Id").asText();
      standardPricebookId.set(id);
    }
    return id;
  }

  private Instant newestModstamp(String sObjectType, String condition) {
    List<ObjectNode> newest = client.queryAll("SELECT SystemModstamp FROM " + sObjectType
        + (condition == null ? "" : " WHERE " + condition) + " ORDER BY SystemModstamp DESC LIMIT 1");
    return newest.isEmpty() ? null : Times.modstamp(newest.get(0));
  }

  /** {@code (<condition>) AND SystemModstamp >= <lower> AND SystemModstamp <= <upper>}, leaving out what is absent. */
  private static String modstampRange(String condition, String lower, Instant upper) {
    List<String> conditions = new ArrayList<>();
    if (condition != null) {
      conditions.add("(" + condition + ")");
    }
    if (lower != null) {
      conditions.add("SystemModstamp >= " + Times.soql(Times.salesforce(lower)));
    }
    conditions.add("SystemModstamp <= " + Times.soql(upper));
    return String.join(" AND ", conditions);
  }
}
