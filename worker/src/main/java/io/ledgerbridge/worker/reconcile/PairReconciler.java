package io.ledgerbridge.worker.reconcile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.activities.mapping.ObjectMapping;
import io.ledgerbridge.activities.salesforce.SalesforceClient;
import io.ledgerbridge.activities.store.RecordLinkStore;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.reconcile.RecordClass;
import io.ledgerbridge.workflows.sync.ConflictPolicy;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reconciles one object with one Salesforce object it is mapped to. Reads the links, then every
 * Salesforce record of the company (the mapping's condition applies) keeping a fingerprint per
 * compared field, then the QuickBooks records page by page, comparing each with its counterpart as
 * it goes; what is left over exists on one side only, or is linked to nothing.
 */
final class PairReconciler {
  /** A Salesforce record waiting for its QuickBooks counterpart: its id and fingerprints, not the record. */
  private record SalesforceSide(String salesforceId, long[] fingerprints, boolean linked, boolean markedDeleted) {}

  private final String realmId;
  private final SyncObject object;
  private final ObjectMapping mapping;
  private final boolean toSalesforce;
  private final boolean toQuickBooks;
  private final Comparison comparison;
  private final Reads reads;
  private final RecordLinkStore links;
  private final Set<String> openToSalesforce;
  private final Set<String> openToQuickBooks;
  private final Repairs repairs;
  private final Findings findings = new Findings();

  private final Map<String, String> qboIdBySalesforceId = new HashMap<>();
  private final Map<String, String> salesforceIdByQboId = new HashMap<>();
  private final Map<String, SalesforceSide> salesforceByQboId = new HashMap<>();

  /**
   * @param openToSalesforce QuickBooks ids with an open error going to Salesforce
   * @param openToQuickBooks Salesforce ids with an open error going to QuickBooks
   * @param repairs where records to sync again go, or null to only report
   */
  PairReconciler(String realmId, SyncObject object, ObjectMapping mapping, Set<SyncDirection> directions,
      Comparison comparison, Reads reads, RecordLinkStore links, Set<String> openToSalesforce,
      Set<String> openToQuickBooks, Repairs repairs) {
    this.realmId = realmId;
    this.object = object;
    this.mapping = mapping;
    this.toSalesforce = directions.contains(SyncDirection.QBO_TO_SALESFORCE);
    this.toQuickBooks = directions.contains(SyncDirection.SALESFORCE_TO_QBO);
    this.comparison = comparison;
    this.reads = reads;
    this.links = links;
    this.openToSalesforce = openToSalesforce;
    this.openToQuickBooks = openToQuickBooks;
    this.repairs = repairs;
  }

  Findings run() {
    links.forEach(realmId, object, mapping.salesforceObject(), link -> {
      qboIdBySalesforceId.put(link.salesforceId(), link.qboId());
      salesforceIdByQboId.put(link.qboId(), link.salesforceId());
    });
    readSalesforce();
    readQuickBooks();
    settleLeftovers();
    if (repairs != null) {
      repairs.flush();
    }
    return findings;
  }

  // ---- Salesforce ----

  /**
   * The company's records: those keyed to it by the external id and, when the object syncs to
   * QuickBooks, those without a key yet (which the sync would create there).
   */
  private void readSalesforce() {
    String extField = mapping.externalIdField();
    String keyed = extField + " LIKE " + SalesforceClient.quote(realmId + "-%");
    String scope = toQuickBooks ? "(" + extField + " = null OR " + keyed + ")" : keyed;
    Set<String> select = new LinkedHashSet<>(mapping.salesforceFieldsRead());
    select.addAll(mapping.onDelete().keySet());
    String soql = "SELECT " + String.join(", ", select) + " FROM " + mapping.salesforceObject() + " WHERE " + scope
        + (mapping.salesforceCondition() == null ? "" : " AND (" + mapping.salesforceCondition() + ")");
    reads.salesforcePages(soql, page -> {
      List<long[]> prints = comparison.salesforceSide(page);
      for (int i = 0; i < page.size(); i++) {
        salesforceRecord(page.get(i), prints.get(i));
      }
    });
  }

  private void salesforceRecord(ObjectNode record, long[] prints) {
    String salesforceId = record.path("Id").asText();
    String linkedQboId = qboIdBySalesforceId.get(salesforceId);
    String qboId = linkedQboId != null ? linkedQboId
        : mapping.qboIdOfKey(realmId, Fingerprints.text(record.get(mapping.externalIdField()))).orElse(null);
    if (qboId == null) {
      // Never synced: the sync to QuickBooks would create it.
      found(openToQuickBooks.contains(salesforceId) ? RecordClass.OPEN_ERROR : RecordClass.ONLY_IN_SALESFORCE, null,
          salesforceId, List.of(), SyncDirection.SALESFORCE_TO_QBO);
      return;
    }
    SalesforceSide side = new SalesforceSide(salesforceId, prints, linkedQboId != null, markedDeleted(record));
    SalesforceSide earlier = salesforceByQboId.putIfAbsent(qboId, side);
    if (earlier != null) {
      // Two Salesforce records claim one QuickBooks record: the linked one is its counterpart.
      SalesforceSide extra = side;
      if (side.linked() && !earlier.linked()) {
        salesforceByQboId.put(qboId, side);
        extra = earlier;
      }
      findings.add(RecordClass.ONLY_IN_SALESFORCE, qboId, extra.salesforceId());
    }
  }

  /** Whether the record carries the values the sync writes when its QuickBooks record is deleted. */
  private boolean markedDeleted(ObjectNode record) {
    return !mapping.onDelete().isEmpty() && mapping.onDelete().entrySet().stream()
        .allMatch(value -> Fingerprints.means(record.get(value.getKey()), value.getValue()));
  }

  // ---- QuickBooks ----

  /**
   * Every QuickBooks record when the object syncs to Salesforce; otherwise only those the
   * Salesforce records and links name (the others are no concern of this mapping).
   */
  private void readQuickBooks() {
    if (toSalesforce) {
      String condition = mapping.qboCondition();
      reads.quickBooksPages(realmId, mapping.qboEntity(), (condition == null ? "" : "WHERE " + condition + " ") + "ORDERBY Id",
          this::quickBooksPage);
    } else {
      Set<String> ids = new LinkedHashSet<>(salesforceByQboId.keySet());
      ids.addAll(salesforceIdByQboId.keySet());
      reads.quickBooksByIds(realmId, mapping.qboEntity(), mapping.qboCondition(), ids, this::quickBooksPage);
    }
  }

  private void quickBooksPage(List<ObjectNode> read) {
    // Records of the entity that are not the object's (a customer naming no person has no Contact) are no concern of it.
    List<ObjectNode> page = read.stream().filter(mapping::holdsQboRecord).toList();
    List<long[]> prints = comparison.quickBooksSide(page);
    for (int i = 0; i < page.size(); i++) {
      quickBooksRecord(page.get(i).path("Id").asText(), prints.get(i));
    }
  }

  private void quickBooksRecord(String qboId, long[] prints) {
    SalesforceSide salesforce = salesforceByQboId.remove(qboId);
    String linkedSalesforceId = salesforceIdByQboId.remove(qboId);
    if (salesforce == null) {
      if (linkedSalesforceId != null) {
        // Its Salesforce record is gone, or no longer meets the mapping's condition.
        found(openToSalesforce.contains(qboId) ? RecordClass.OPEN_ERROR : RecordClass.DANGLING, qboId, linkedSalesforceId,
            List.of(), toSalesforce ? SyncDirection.QBO_TO_SALESFORCE : null);
      } else if (toSalesforce) {
        found(openToSalesforce.contains(qboId) ? RecordClass.OPEN_ERROR : RecordClass.ONLY_IN_QUICKBOOKS, qboId, null,
            List.of(), SyncDirection.QBO_TO_SALESFORCE);
      }
      return;
    }
    List<String> differing = comparison.differing(salesforce.fingerprints(), prints);
    if (differing.isEmpty()) {
      findings.add(RecordClass.LINKED_EQUAL, qboId, salesforce.salesforceId());
    } else if (openToSalesforce.contains(qboId) || openToQuickBooks.contains(salesforce.salesforceId())) {
      findings.add(RecordClass.OPEN_ERROR, qboId, salesforce.salesforceId(), differing);
    } else {
      found(RecordClass.LINKED_DIFFERENT, qboId, salesforce.salesforceId(), differing, repairDirection(),
          salesforce.linked());
    }
  }

  /**
   * Which way a record that differs is synced again: the way the object syncs, and for objects
   * that sync both ways from the side whose version its conflict policy keeps.
   */
  private SyncDirection repairDirection() {
    if (toSalesforce && toQuickBooks) {
      return mapping.conflictPolicy() == ConflictPolicy.SALESFORCE_WINS
          ? SyncDirection.SALESFORCE_TO_QBO : SyncDirection.QBO_TO_SALESFORCE;
    }
    return toSalesforce ? SyncDirection.QBO_TO_SALESFORCE : SyncDirection.SALESFORCE_TO_QBO;
  }

  // ---- left over ----

  private void settleLeftovers() {
    salesforceByQboId.forEach((qboId, salesforce) -> {
      salesforceIdByQboId.remove(qboId);
      if (salesforce.markedDeleted()) {
        // Deleted in QuickBooks and marked so in Salesforce: the systems agree.
        findings.add(RecordClass.LINKED_EQUAL, qboId, salesforce.salesforceId());
      } else if (openToSalesforce.contains(qboId) || openToQuickBooks.contains(salesforce.salesforceId())) {
        findings.add(RecordClass.OPEN_ERROR, qboId, salesforce.salesforceId());
      } else if (!salesforce.linked()) {
        // Keyed to a QuickBooks record that does not exist, and never synced by this installation.
        found(RecordClass.ONLY_IN_SALESFORCE, qboId, salesforce.salesforceId(), List.of(),
            toQuickBooks ? SyncDirection.SALESFORCE_TO_QBO : null, false);
      } else {
        // QuickBooks has no such record (any more): going to Salesforce the sync marks it deleted
        // where the mapping says how; going to QuickBooks it says what to do.
        SyncDirection repair = toSalesforce && !mapping.onDelete().isEmpty() ? SyncDirection.QBO_TO_SALESFORCE
            : toQuickBooks ? SyncDirection.SALESFORCE_TO_QBO : null;
        found(RecordClass.DANGLING, qboId, salesforce.salesforceId(), List.of(), repair, true);
      }
    });
    salesforceIdByQboId.forEach((qboId, salesforceId) ->
        findings.add(openToSalesforce.contains(qboId) ? RecordClass.OPEN_ERROR : RecordClass.DANGLING, qboId, salesforceId));
  }

  private void found(RecordClass recordClass, String qboId, String salesforceId, List<String> fields,
      SyncDirection repair) {
    found(recordClass, qboId, salesforceId, fields, repair, qboId != null && salesforceId != null);
  }

  /** Records the finding and, when repairing a difference, asks for the record to be synced again. */
  private void found(RecordClass recordClass, String qboId, String salesforceId, List<String> fields,
      SyncDirection repair, boolean linked) {
    findings.add(recordClass, qboId, salesforceId, fields);
    if (repairs == null || repair == null || !recordClass.isDifference()) {
      return;
    }
    String sourceId = repair == SyncDirection.QBO_TO_SALESFORCE ? qboId : salesforceId;
    if (sourceId != null) {
      repairs.request(repair, sourceId, linked ? qboId : null);
    }
  }
}
