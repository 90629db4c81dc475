package io.ledgerbridge.worker.reconcile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.activities.quickbooks.QueryPage;
import io.ledgerbridge.activities.quickbooks.QuickBooksClient;
import io.ledgerbridge.activities.salesforce.SalesforceClient;
import io.ledgerbridge.activities.salesforce.SoqlPage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * The bulk reads of a reconciliation, counted per system, with a heartbeat after each page so
 * Temporal knows a long read is alive.
 */
final class Reads {
  private final QuickBooksClient qbo;
  private final SalesforceClient salesforce;
  private final Runnable heartbeat;
  private int quickBooksCalls;
  private int salesforceCalls;
  private String standardPricebookId;

  Reads(QuickBooksClient qbo, SalesforceClient salesforce, Runnable heartbeat) {
    this.qbo = qbo;
    this.salesforce = salesforce;
    this.heartbeat = heartbeat;
  }

  /** Every record of {@code SELECT * FROM entity <clauses>}, a page of 1,000 at a time. */
  void quickBooksPages(String realmId, String entity, String clauses, Consumer<List<ObjectNode>> each) {
    int start = 1;
    while (true) {
      QueryPage page = qbo.queryPage(realmId, entity, clauses, start, QuickBooksClient.MAX_PAGE_SIZE);
      quickBooksCalls++;
      each.accept(page.records());
      heartbeat.run();
      if (!page.hasMore()) {
        return;
      }
      start += page.records().size();
    }
  }

  /** QuickBooks records by id that meet {@code condition} (null for none), in {@link QuickBooksClient#inClauses}. */
  void quickBooksByIds(String realmId, String entity, String condition, Collection<String> ids,
      Consumer<List<ObjectNode>> each) {
    for (String where : QuickBooksClient.inClauses("Id", List.copyOf(ids), condition)) {
      quickBooksPages(realmId, entity, where, each);
    }
  }

  /** Every record of a SOQL query, a page (up to 2,000) at a time. */
  void salesforcePages(String soql, Consumer<List<ObjectNode>> each) {
    SoqlPage page = salesforce.query(soql);
    salesforceCalls++;
    each.accept(page.records());
    heartbeat.run();
    while (!page.done() && page.nextRecordsUrl() != null) {
      page = salesforce.queryMore(page.nextRecordsUrl());
      salesforceCalls++;
      each.accept(page.records());
      heartbeat.run();
    }
  }

  /** The records of {@link SalesforceClient#inQueries}, every page of each. */
  List<ObjectNode> salesforceIn(String type, String select, String field, Collection<String> values, String condition) {
    List<ObjectNode> records = new ArrayList<>();
    for (String soql : SalesforceClient.inQueries(type, select, field, values, condition)) {
      salesforcePages(soql, records::addAll);
    }
    return records;
  }

  /** The id of the org's standard price book, read once; null when the org has none. */
  String standardPricebookId() {
    if (standardPricebookId == null) {
      List<ObjectNode> books = new ArrayList<>();
      salesforcePages("SELECT Id FROM Pricebook2 WHERE IsStandard = true LIMIT 1", books::addAll);
      standardPricebookId = books.isEmpty() ? "" : books.get(0).path("Id").asText();
    }
    return standardPricebookId.isEmpty() ? null : standardPricebookId;
  }

  int quickBooksCalls() {
    return quickBooksCalls;
  }

  int salesforceCalls() {
    return salesforceCalls;
  }
}
