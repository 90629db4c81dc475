package io.ledgerbridge.worker.realtime;

import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.worker.catalog.ObjectCatalog;
import io.ledgerbridge.worker.jobs.Job;
import io.ledgerbridge.worker.jobs.JobService;
import io.ledgerbridge.worker.recordsync.RecordSyncs;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowServiceException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Turns change notifications into per-record syncs: the records of an object that an active job
 * syncs in that direction go to the one {@code RecordSyncWorkflow} of the company, object and
 * direction ({@link RecordSyncs}), so a burst of notifications joins the run already going and the
 * records of one object sync one batch at a time. Temporal holds them from then on; the notification is
 * answered at once. A change no active job covers is ignored (the jobs' own runs decide what
 * syncs), and anything missed here is caught by the next scheduled run.
 */
@Service
class ChangeNotifications {
  private static final Logger log = LoggerFactory.getLogger(ChangeNotifications.class);
  /**
   * Records one notification may name. Salesforce puts at most 100 in an outbound message and
   * Intuit a few in a webhook; a callout may name a few pages of them.
   */
  static final int MAX_RECORDS_PER_NOTIFICATION = 1000;

  private final JobService jobs;
  private final RecordSyncs recordSyncs;
  private final ObjectCatalog catalog;
  private final MeterRegistry meters;
  private final RealTimeActivity activity;
  private final RepeatedDeliveries repeats;

  ChangeNotifications(JobService jobs, RecordSyncs recordSyncs, ObjectCatalog catalog, MeterRegistry meters,
      RealTimeActivity activity, RepeatedDeliveries repeats) {
    this.jobs = jobs;
    this.recordSyncs = recordSyncs;
    this.catalog = catalog;
    this.meters = meters;
    this.activity = activity;
    this.repeats = repeats;
  }

  /** A notification refused as a whole, kept as the source's latest refusal, then answered. */
  NotificationRejected rejected(String system, NotificationRejected rejection) {
    activity.rejected(system, rejection);
    return rejection;
  }

  /**
   * What became of a notification's records.
   *
   * @param records the records the notification named
   * @param syncing the per-record workflows the records went to
   * @param ignored why the other records are not synced now, one line per object
   */
  record Dispatched(int records, List<String> syncing, List<String> ignored) {}

  /** The objects whose QuickBooks entity this is, e.g. "Customer" (or "customer" in CloudEvents). */
  List<SyncObject> fromQuickBooks(String entity) {
    return mappedFrom(object -> catalog.quickBooksEntity(object, SyncDirection.QBO_TO_SALESFORCE), entity);
  }

  /**
   * The objects synced from this Salesforce type, e.g. "Account" or "Opportunity": every one of
   * them gets the changed records, and each reads them back under its own mapping's condition, so
   * a record reaches the objects whose condition it meets (an Account of Type Vendor a Vendor).
   */
  List<SyncObject> fromSalesforce(String sObjectType) {
    return mappedFrom(object -> catalog.salesforceObject(object, SyncDirection.SALESFORCE_TO_QBO), sObjectType);
  }

  /** The Salesforce type an object syncs from, if it syncs to QuickBooks at all. */
  Optional<String> salesforceType(SyncObject object) {
    return catalog.salesforceObject(object, SyncDirection.SALESFORCE_TO_QBO);
  }

  private List<SyncObject> mappedFrom(Function<SyncObject, Optional<String>> name, String wanted) {
    return SyncObject.all().stream()
        .filter(object -> name.apply(object).filter(wanted::equalsIgnoreCase).isPresent())
        .toList();
  }

  /**
   * Dispatches a signed delivery's changes unless the same delivery was dispatched before (see
   * {@link RepeatedDeliveries}); a repeat is answered as taken, with no sync started or signalled.
   *
   * @param body the delivery as received, which identifies it
   */
  Dispatched dispatchOnce(String system, byte[] body, List<ChangedRecords> changes, List<String> ignoredAlready,
      int recordsIgnoredAlready) {
    Optional<Instant> earlier = repeats.claim(system, body);
    if (earlier.isPresent()) {
      int records = recordsIgnoredAlready + changes.stream().mapToInt(change -> change.sourceIds().size()).sum();
      meters.counter("ledgerbridge.realtime.records", "system", system, "outcome", "repeated").increment(records);
      return new Dispatched(records, List.of(), List.of("the same delivery was taken at " + earlier.get()
          + "; a repeat is acknowledged and not synced again"));
    }
    try {
      return dispatch(system, changes, ignoredAlready, recordsIgnoredAlready);
    } catch (RuntimeException notDispatched) {
      repeats.release(system, body);
      throw notDispatched;
    }
  }

  /**
   * Starts (or joins) the per-record syncs of these changes.
   *
   * @param ignoredAlready why the notification's other records are not synced, one line per kind
   * @param recordsIgnoredAlready how many records those lines cover
   */
  Dispatched dispatch(String system, List<ChangedRecords> changes, List<String> ignoredAlready, int recordsIgnoredAlready) {
    Map<ChangedRecords, Set<String>> merged = new LinkedHashMap<>();
    for (ChangedRecords change : changes) {
      ChangedRecords key = new ChangedRecords(change.companyId(), change.direction(), change.object(), List.of());
      merged.computeIfAbsent(key, k -> new LinkedHashSet<>()).addAll(change.sourceIds());
    }
    List<String> syncing = new ArrayList<>();
    List<String> ignored = new ArrayList<>(ignoredAlready);
    int recordsSyncing = 0;
    int recordsIgnored = recordsIgnoredAlready;
    for (Map.Entry<ChangedRecords, Set<String>> entry : merged.entrySet()) {
      ChangedRecords change = entry.getKey();
      List<String> ids = List.copyOf(entry.getValue());
      Map<String, List<Job>> byCompany = jobs.activeJobsSyncing(change.companyId(), change.direction(), change.object())
          .stream()
          .collect(Collectors.groupingBy(Job::companyId, LinkedHashMap::new, Collectors.toList()));
      if (byCompany.isEmpty()) {
        ignored.add(ids.size() + " " + change.object().displayName() + " change(s)"
            + (change.companyId() == null ? "" : " of company " + change.companyId()) + ": no active job syncs "
            + change.object().displayName() + " " + change.direction());
        recordsIgnored += ids.size();
        continue;
      }
      for (Map.Entry<String, List<Job>> company : byCompany.entrySet()) {
        syncing.add(start(company.getKey(), change, ids, company.getValue()));
      }
      recordsSyncing += ids.size();
    }
    meters.counter("ledgerbridge.realtime.records", "system", system, "outcome", "syncing").increment(recordsSyncing);
    meters.counter("ledgerbridge.realtime.records", "system", system, "outcome", "ignored").increment(recordsIgnored);
    activity.accepted(system, recordsSyncing, recordsIgnored);
    return new Dispatched(recordsSyncing + recordsIgnored, syncing, ignored);
  }

  /** Hands the records to the company's per-record sync of the object. */
  private String start(String companyId, ChangedRecords change, List<String> ids, List<Job> jobsOfCompany) {
    // The job whose name sorts first owns the records' errors; any job that pulls missing parents through makes it so.
    Job owner = jobsOfCompany.stream().min(Comparator.comparing(Job::name)).orElseThrow();
    boolean pullMissingParents = jobsOfCompany.stream().anyMatch(Job::pullMissingParents);
    String workflowId;
    try {
      workflowId = recordSyncs.sync(companyId, change.object(), change.direction(), ids, owner.id(), owner.name(),
          pullMissingParents).get(0).workflowId();
    } catch (WorkflowServiceException | WorkflowExecutionAlreadyStarted | StatusRuntimeException e) {
      throw new NotificationRejected(HttpStatus.SERVICE_UNAVAILABLE,
          "Temporal cannot take the changes now; deliver them again: " + e.getMessage());
    }
    log.info("Real-time: {} {} change(s) of company {} syncing {} in {} (job '{}')", ids.size(),
        change.object().displayName(), companyId, change.direction(), workflowId, owner.name());
    return workflowId;
  }
}
