package io.ledgerbridge.worker.reconcile;

import io.ledgerbridge.activities.mapping.Mappings;
import io.ledgerbridge.activities.mapping.ObjectMapping;
import io.ledgerbridge.activities.quickbooks.QuickBooksClient;
import io.ledgerbridge.activities.salesforce.SalesforceClient;
import io.ledgerbridge.activities.store.RecordErrorStore;
import io.ledgerbridge.activities.store.RecordLinkStore;
import io.ledgerbridge.worker.jobs.JobService;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.reconcile.ObjectReconciliation;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The reconciliation of one object of one company: once for each Salesforce object the object is
 * mapped to (an Invoice is an {@code Invoice__c} going to Salesforce and comes from a won
 * Opportunity), compared the way the sync maps it, and, with repair, what differs handed back to
 * the per-record sync. Only the directions the company's active jobs sync are compared: what no job
 * syncs is not expected to be in step (and the Salesforce org may serve several companies).
 */
@Component
class ObjectReconciler {
  private final QuickBooksClient qbo;
  private final SalesforceClient salesforce;
  private final RecordLinkStore links;
  private final RecordErrorStore errors;
  private final Mappings mappings;
  private final JobService jobs;

  ObjectReconciler(QuickBooksClient qbo, SalesforceClient salesforce, JdbcTemplate jdbc, Mappings mappings, JobService jobs) {
    this.qbo = qbo;
    this.salesforce = salesforce;
    this.links = new RecordLinkStore(jdbc);
    this.errors = new RecordErrorStore(jdbc);
    this.mappings = mappings;
    this.jobs = jobs;
  }

  /**
   * The objects asked for (empty: all) that the company's active jobs sync with a mapping in force,
   * in catalog order (parents first).
   */
  List<SyncObject> objectsToCompare(String companyId, List<SyncObject> asked) {
    return SyncObject.all().stream()
        .filter(object -> asked.isEmpty() || asked.contains(object))
        .filter(object -> !mappingsOf(companyId, object).isEmpty())
        .toList();
  }

  /** The object's mappings in force, each with the directions the company's active jobs sync it in. */
  Map<ObjectMapping, Set<SyncDirection>> mappingsOf(String companyId, SyncObject object) {
    Map<ObjectMapping, Set<SyncDirection>> found = new LinkedHashMap<>();
    for (SyncDirection direction : object.directions()) {
      if (jobs.activeJobsSyncing(companyId, direction, object).isEmpty()) {
        continue;
      }
      mappings.find(object, direction)
          .ifPresent(mapping -> found.computeIfAbsent(mapping, m -> EnumSet.noneOf(SyncDirection.class)).add(direction));
    }
    return found;
  }

  /**
   * @param handOver where records that differ go to be synced again, or null to only report
   * @param heartbeat called after every page read
   */
  List<ObjectReconciliation> reconcile(String realmId, SyncObject object, Repairs.HandOver handOver, Runnable heartbeat) {
    Set<String> openToSalesforce = errors.openSourceIds(realmId, object, SyncDirection.QBO_TO_SALESFORCE);
    Set<String> openToQuickBooks = errors.openSourceIds(realmId, object, SyncDirection.SALESFORCE_TO_QBO);
    List<ObjectReconciliation> results = new ArrayList<>();
    for (Map.Entry<ObjectMapping, Set<SyncDirection>> entry : mappingsOf(realmId, object).entrySet()) {
      ObjectMapping mapping = entry.getKey();
      long started = System.nanoTime();
      Reads reads = new Reads(qbo, salesforce, heartbeat);
      Comparison comparison = entry.getValue().contains(SyncDirection.QBO_TO_SALESFORCE)
          ? new ToSalesforceComparison(realmId, mapping, mappings, links, reads)
          : new ToQuickBooksComparison(realmId, mapping, mappings, links, reads);
      Repairs repairs = handOver == null ? null : new Repairs(realmId, object, mapping.salesforceObject(), links, handOver);
      Findings findings = new PairReconciler(realmId, object, mapping, entry.getValue(), comparison, reads, links,
          openToSalesforce, openToQuickBooks, repairs).run();
      results.add(new ObjectReconciliation(object, mapping.salesforceObject(),
          entry.getValue().stream().sorted().toList(), findings.counts(), findings.differingFields(), findings.samples(),
          repairs == null ? 0 : repairs.requested(), reads.quickBooksCalls(), reads.salesforceCalls(),
          (System.nanoTime() - started) / 1_000_000, null));
    }
    return results;
  }
}
