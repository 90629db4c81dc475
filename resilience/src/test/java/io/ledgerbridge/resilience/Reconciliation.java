package io.ledgerbridge.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks the two systems against each other through the sandbox's own APIs, never through LedgerBridge's
 * bookkeeping: every source record must be in the target exactly once, under its key, with the content the
 * source has now, or be listed in {@code /api/errors} with a reason. Because the content compared is the
 * source's current content, a change made in the middle of a run that never arrives (a cursor saved ahead of
 * the data it covers) shows as {@code wrong}.
 *
 * <p>QuickBooks to Salesforce: Customer → Account, Item → Product2, Invoice → {@code Invoice__c}, CreditMemo →
 * {@code Credit_Memo__c}, Payment → {@code Payment__c}, each keyed {@code QBO_Id__c = <realm>-<Id>}. Salesforce to QuickBooks: Account →
 * Customer, Product2 → Item, won Opportunity → Invoice, each keyed by the QuickBooks id written back into
 * {@code QBO_Id__c}.
 */
final class Reconciliation {
  private static final String TO_SALESFORCE = "QBO_TO_SALESFORCE";
  private static final String TO_QUICKBOOKS = "SALESFORCE_TO_QBO";

  private final QuickBooksSandbox quickBooks;
  private final SalesforceSandbox salesforce;
  private final Set<String> salesforceOrigin = new HashSet<>();
  private final Set<String> quickBooksOrigin = new HashSet<>();

  Reconciliation(QuickBooksSandbox quickBooks, SalesforceSandbox salesforce) {
    this.quickBooks = quickBooks;
    this.salesforce = salesforce;
  }

  /**
   * Notes which records each system holds before LedgerBridge has written anything: the Salesforce ones are
   * the sources of the Salesforce-to-QuickBooks direction, whose copies in QuickBooks look like any other
   * QuickBooks record.
   */
  void noteSources() {
    QuickBooksData qbo = QuickBooksData.read(quickBooks);
    qbo.all().forEach(record -> quickBooksOrigin.add(record.path("Id").asText() + "/" + record.path("_entity").asText()));
    SalesforceData sf = SalesforceData.read(salesforce);
    sf.accounts.keySet().forEach(salesforceOrigin::add);
    sf.products.keySet().forEach(salesforceOrigin::add);
    sf.wonOpportunities.keySet().forEach(salesforceOrigin::add);
  }

  /** A record a person created in Salesforce while LedgerBridge was running. */
  void noteCreatedInSalesforce(String id) {
    salesforceOrigin.add(id);
  }

  /**
   * @param everyQuickBooksRecord true: every QuickBooks record must be in Salesforce, including those the
   *     Salesforce-to-QuickBooks direction created; false: only those that were there before the first run
   *     (a check right after a first sync, before a second run could carry the new ones back)
   */
  Figures check(String scenario, List<JsonNode> openErrors, boolean everyQuickBooksRecord) {
    QuickBooksData qbo = QuickBooksData.read(quickBooks);
    SalesforceData sf = SalesforceData.read(salesforce);
    Verdicts verdicts = new Verdicts(openErrors);
    for (JsonNode record : qbo.all()) {
      String entity = record.path("_entity").asText();
      String id = record.path("Id").asText();
      if (everyQuickBooksRecord || quickBooksOrigin.contains(id + "/" + entity)) {
        checkInSalesforce(entity, record, sf, verdicts);
      }
    }
    for (String id : salesforceOrigin) {
      checkInQuickBooks(id, qbo, sf, verdicts);
    }
    return new Figures(scenario, verdicts.records, verdicts.lost, verdicts.duplicated, verdicts.wrong, verdicts.errors,
        null, null, List.of());
  }

  private static void checkInSalesforce(String entity, JsonNode record, SalesforceData sf, Verdicts verdicts) {
    String id = record.path("Id").asText();
    String key = QuickBooksSandbox.REALM_ID + "-" + id;
    String what = entity + " " + id;
    List<JsonNode> copies = switch (entity) {
      case "Customer" -> sf.accountsByKey.getOrDefault(key, List.of());
      case "Item" -> sf.productsByKey.getOrDefault(key, List.of());
      case "Invoice" -> sf.invoicesByKey.getOrDefault(key, List.of());
      case "CreditMemo" -> sf.creditMemosByKey.getOrDefault(key, List.of());
      default -> sf.paymentsByKey.getOrDefault(key, List.of());
    };
    verdicts.records++;
    if (copies.isEmpty()) {
      verdicts.missing(entity, TO_SALESFORCE, id, what + " (" + label(record) + ") has no record with QBO_Id__c " + key);
      return;
    }
    if (copies.size() > 1) {
      verdicts.duplicated.add(what + " is in Salesforce " + copies.size() + " times: " + ids(copies));
      return;
    }
    JsonNode copy = copies.get(0);
    int namesakes = switch (entity) {
      case "Customer" -> sf.accountNames.getOrDefault(record.path("DisplayName").asText().trim(), 0);
      case "Item" -> sf.productNames.getOrDefault(record.path("Name").asText().trim(), 0);
      default -> 1;
    };
    if (namesakes > 1) {
      verdicts.duplicated.add(what + " (" + label(record) + ") is in Salesforce " + namesakes
          + " times under its name, once with its key " + copy.path("Id").asText());
      return;
    }
    List<String> differences = new ArrayList<>();
    switch (entity) {
      case "Customer" -> same(differences, "Name", record.path("DisplayName"), copy.path("Name"));
      case "Item" -> same(differences, "Name", record.path("Name"), copy.path("Name"));
      case "Invoice", "CreditMemo" -> {
        same(differences, "Doc_Number__c", record.path("DocNumber"), copy.path("Doc_Number__c"));
        sameAmount(differences, "Total_Amount__c", record.path("TotalAmt"), copy.path("Total_Amount__c"));
        sameAccount(differences, record, copy, sf);
      }
      default -> {
        sameAmount(differences, "Amount__c", record.path("TotalAmt"), copy.path("Amount__c"));
        sameAccount(differences, record, copy, sf);
      }
    }
    verdicts.judge(entity, TO_SALESFORCE, id, what, differences);
  }

  private static void checkInQuickBooks(String sfId, QuickBooksData qbo, SalesforceData sf, Verdicts verdicts) {
    JsonNode source;
    String object;
    Map<String, JsonNode> targets;
    String entity;
    if (sf.accounts.containsKey(sfId)) {
      source = sf.accounts.get(sfId);
      object = "Customer";
      entity = "Customer";
      targets = qbo.customers;
    } else if (sf.products.containsKey(sfId)) {
      source = sf.products.get(sfId);
      object = "Item";
      entity = "Item";
      targets = qbo.items;
    } else if (sf.wonOpportunities.containsKey(sfId)) {
      source = sf.wonOpportunities.get(sfId);
      object = "Invoice";
      entity = "Invoice";
      targets = qbo.invoices;
    } else {
      verdicts.records++;
      verdicts.lost.add("Salesforce record " + sfId + " is gone from Salesforce itself");
      return;
    }
    verdicts.records++;
    String what = source.path("attributes").path("type").asText() + " " + sfId + " (" + source.path("Name").asText() + ")";
    String name = source.path("Name").asText().trim();
    List<JsonNode> namesakes = switch (entity) {
      case "Customer" -> qbo.customersByName.getOrDefault(name, List.of());
      case "Item" -> qbo.itemsByName.getOrDefault(name, List.of());
      default -> qbo.invoicesByNote.getOrDefault("Salesforce opportunity " + name, List.of());
    };
    String key = source.path("QBO_Id__c").asText("");
    if (key.isEmpty() || !key.startsWith(QuickBooksSandbox.REALM_ID + "-")) {
      if (namesakes.isEmpty()) {
        verdicts.missing(object, TO_QUICKBOOKS, sfId, what + " has no QuickBooks " + entity + " and no QBO_Id__c");
      } else {
        verdicts.judge(object, TO_QUICKBOOKS, sfId, what, List.of("in QuickBooks as " + entity + " " + ids(namesakes)
            + " but its QBO_Id__c was never written back, so the next run would create it again"));
      }
      return;
    }
    String qboId = key.substring(QuickBooksSandbox.REALM_ID.length() + 1);
    JsonNode target = targets.get(qboId);
    if (target == null) {
      verdicts.missing(object, TO_QUICKBOOKS, sfId, what + " points at QuickBooks " + entity + " " + qboId
          + ", which does not exist");
      return;
    }
    if (namesakes.size() > 1) {
      verdicts.duplicated.add(what + " is in QuickBooks " + namesakes.size() + " times: " + ids(namesakes));
      return;
    }
    List<String> differences = new ArrayList<>();
    switch (entity) {
      case "Customer" -> same(differences, "DisplayName", source.path("Name"), target.path("DisplayName"));
      case "Item" -> same(differences, "Name", source.path("Name"), target.path("Name"));
      default -> {
        BigDecimal lines = sf.lineTotals.getOrDefault(sfId, BigDecimal.ZERO);
        if (number(target.path("TotalAmt")).compareTo(lines) != 0) {
          differences.add("TotalAmt " + target.path("TotalAmt").asText() + " but the opportunity's lines add up to " + lines);
        }
        JsonNode account = sf.accounts.get(source.path("AccountId").asText());
        String accountKey = account == null ? "" : account.path("QBO_Id__c").asText("");
        String expectedCustomer = accountKey.substring(Math.min(accountKey.length(), QuickBooksSandbox.REALM_ID.length() + 1));
        if (!expectedCustomer.equals(target.path("CustomerRef").path("value").asText())) {
          differences.add("CustomerRef " + target.path("CustomerRef").path("value").asText() + " but the account is customer '"
              + expectedCustomer + "'");
        }
      }
    }
    verdicts.judge(object, TO_QUICKBOOKS, sfId, what + " → " + entity + " " + qboId, differences);
  }

  private static void same(List<String> differences, String field, JsonNode expected, JsonNode actual) {
    if (!expected.asText("").trim().equals(actual.asText("").trim())) {
      differences.add(field + " '" + actual.asText("") + "' instead of '" + expected.asText("") + "'");
    }
  }

  private static void sameAmount(List<String> differences, String field, JsonNode expected, JsonNode actual) {
    if (actual.isMissingNode() || actual.isNull() || number(expected).compareTo(number(actual)) != 0) {
      differences.add(field + " " + actual.asText("null") + " instead of " + expected.asText());
    }
  }

  /** The copy's Account__c is the Account that holds the QuickBooks customer of the source. */
  private static void sameAccount(List<String> differences, JsonNode record, JsonNode copy, SalesforceData sf) {
    String customerKey = QuickBooksSandbox.REALM_ID + "-" + record.path("CustomerRef").path("value").asText();
    List<JsonNode> accounts = sf.accountsByKey.getOrDefault(customerKey, List.of());
    String expected = accounts.size() == 1 ? accounts.get(0).path("Id").asText() : "(no single Account " + customerKey + ")";
    if (!expected.equals(copy.path("Account__c").asText(""))) {
      differences.add("Account__c " + copy.path("Account__c").asText("null") + " instead of " + expected);
    }
  }

  private static BigDecimal number(JsonNode node) {
    return node.isMissingNode() || node.isNull() || node.asText().isEmpty() ? BigDecimal.ZERO : new BigDecimal(node.asText());
  }

  private static String label(JsonNode record) {
    for (String field : List.of("DisplayName", "Name", "DocNumber", "TotalAmt")) {
      if (record.hasNonNull(field)) {
        return field + " " + record.path(field).asText();
      }
    }
    return "";
  }

  private static String ids(List<JsonNode> records) {
    return records.stream().map(r -> r.path("Id").asText()).collect(Collectors.joining(", "));
  }

  /** Per-record outcomes; a record that is missing or wrong but listed as an open error with a reason is an error. */
  private static final class Verdicts {
    final Map<String, JsonNode> openErrors = new HashMap<>();
    int records;
    final List<String> lost = new ArrayList<>();
    final List<String> duplicated = new ArrayList<>();
    final List<String> wrong = new ArrayList<>();
    final List<String> errors = new ArrayList<>();

    Verdicts(List<JsonNode> open) {
      for (JsonNode error : open) {
        if (!error.path("message").asText("").isBlank()) {
          openErrors.put(error.path("object").asText() + "|" + error.path("direction").asText() + "|"
              + error.path("sourceId").asText(), error);
        }
      }
    }

    void missing(String object, String direction, String sourceId, String description) {
      JsonNode error = openErrors.get(object + "|" + direction + "|" + sourceId);
      if (error != null) {
        errors.add(describe(description, error));
      } else {
        lost.add(description);
      }
    }

    void judge(String object, String direction, String sourceId, String what, List<String> differences) {
      if (differences.isEmpty()) {
        return;
      }
      JsonNode error = openErrors.get(object + "|" + direction + "|" + sourceId);
      String description = what + ": " + String.join("; ", differences);
      if (error != null) {
        errors.add(describe(description, error));
      } else {
        wrong.add(description);
      }
    }

    private static String describe(String description, JsonNode error) {
      return description + " — listed as " + error.path("type").asText() + ": " + error.path("message").asText();
    }
  }

  /** The QuickBooks company, every entity the sync reads, indexed as the checks need. */
  private record QuickBooksData(Map<String, JsonNode> customers, Map<String, JsonNode> items,
      Map<String, JsonNode> invoices, Map<String, JsonNode> creditMemos, Map<String, JsonNode> payments,
      Map<String, List<JsonNode>> customersByName,
      Map<String, List<JsonNode>> itemsByName, Map<String, List<JsonNode>> invoicesByNote) {

    static QuickBooksData read(QuickBooksSandbox quickBooks) {
      Map<String, JsonNode> customers = byId(quickBooks.queryAll("Customer", "Active IN (true, false)"), "Customer");
      Map<String, JsonNode> items = byId(quickBooks.queryAll("Item", "Active IN (true, false)"), "Item");
      Map<String, JsonNode> invoices = byId(quickBooks.queryAll("Invoice", ""), "Invoice");
      Map<String, JsonNode> creditMemos = byId(quickBooks.queryAll("CreditMemo", ""), "CreditMemo");
      Map<String, JsonNode> payments = byId(quickBooks.queryAll("Payment", ""), "Payment");
      return new QuickBooksData(customers, items, invoices, creditMemos, payments,
          group(customers.values(), r -> r.path("DisplayName").asText().trim()),
          group(items.values(), r -> r.path("Name").asText().trim()),
          group(invoices.values(), r -> r.path("PrivateNote").asText("")));
    }

    List<JsonNode> all() {
      List<JsonNode> all = new ArrayList<>(customers.values());
      all.addAll(items.values());
      all.addAll(invoices.values());
      all.addAll(creditMemos.values());
      all.addAll(payments.values());
      return all;
    }

    /** Tags each record with its entity, which QuickBooks' JSON leaves to the wrapper the suite unwraps. */
    private static Map<String, JsonNode> byId(List<JsonNode> records, String entity) {
      Map<String, JsonNode> byId = new HashMap<>();
      for (JsonNode record : records) {
        ((com.fasterxml.jackson.databind.node.ObjectNode) record).put("_entity", entity);
        byId.put(record.path("Id").asText(), record);
      }
      return byId;
    }
  }

  /** The Salesforce org, every object the sync reads or writes, indexed as the checks need. */
  private static final class SalesforceData {
    final Map<String, JsonNode> accounts;
    final Map<String, JsonNode> products;
    final Map<String, JsonNode> wonOpportunities;
    final Map<String, List<JsonNode>> accountsByKey;
    final Map<String, List<JsonNode>> productsByKey;
    final Map<String, List<JsonNode>> invoicesByKey;
    final Map<String, List<JsonNode>> creditMemosByKey;
    final Map<String, List<JsonNode>> paymentsByKey;
    final Map<String, Integer> accountNames;
    final Map<String, Integer> productNames;
    final Map<String, BigDecimal> lineTotals = new HashMap<>();

    private SalesforceData(SalesforceSandbox salesforce) {
      List<JsonNode> accountRows = salesforce.query("SELECT Id, Name, QBO_Id__c FROM Account");
      List<JsonNode> productRows = salesforce.query("SELECT Id, Name, QBO_Id__c FROM Product2");
      accounts = byId(accountRows);
      products = byId(productRows);
      wonOpportunities = byId(salesforce.query("SELECT Id, Name, AccountId, QBO_Id__c FROM Opportunity WHERE IsWon = true"));
      accountsByKey = group(accountRows, r -> r.path("QBO_Id__c").asText(""));
      productsByKey = group(productRows, r -> r.path("QBO_Id__c").asText(""));
      invoicesByKey = group(salesforce.query(
          "SELECT Id, Name, QBO_Id__c, Doc_Number__c, Total_Amount__c, Account__c FROM Invoice__c"),
          r -> r.path("QBO_Id__c").asText(""));
      creditMemosByKey = group(salesforce.query(
          "SELECT Id, Name, QBO_Id__c, Doc_Number__c, Total_Amount__c, Account__c FROM Credit_Memo__c"),
          r -> r.path("QBO_Id__c").asText(""));
      paymentsByKey = group(salesforce.query("SELECT Id, QBO_Id__c, Amount__c, Account__c FROM Payment__c"),
          r -> r.path("QBO_Id__c").asText(""));
      accountNames = count(accountRows);
      productNames = count(productRows);
      for (JsonNode line : salesforce.query("SELECT OpportunityId, TotalPrice FROM OpportunityLineItem")) {
        lineTotals.merge(line.path("OpportunityId").asText(), number(line.path("TotalPrice")), BigDecimal::add);
      }
    }

    static SalesforceData read(SalesforceSandbox salesforce) {
      return new SalesforceData(salesforce);
    }

    private static Map<String, JsonNode> byId(List<JsonNode> rows) {
      Map<String, JsonNode> byId = new HashMap<>();
      rows.forEach(row -> byId.put(row.path("Id").asText(), row));
      return byId;
    }

    private static Map<String, Integer> count(List<JsonNode> rows) {
      Map<String, Integer> counts = new HashMap<>();
      rows.forEach(row -> counts.merge(row.path("Name").asText().trim(), 1, Integer::sum));
      return counts;
    }
  }

  private static Map<String, List<JsonNode>> group(java.util.Collection<JsonNode> rows, Function<JsonNode, String> key) {
    Map<String, List<JsonNode>> groups = new HashMap<>();
    for (JsonNode row : rows) {
      groups.computeIfAbsent(key.apply(row), k -> new ArrayList<>()).add(row);
    }
    return groups;
  }
}
