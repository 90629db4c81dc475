package io.ledgerbridge.worker.status;

import io.ledgerbridge.activities.quickbooks.QuickBooksLimits;
import io.ledgerbridge.activities.quickbooks.QuickBooksMeter;
import io.ledgerbridge.activities.runs.SyncStatusStore;
import io.ledgerbridge.activities.salesforce.OrgStatus;
import io.ledgerbridge.activities.salesforce.SalesforceClient;
import io.ledgerbridge.activities.store.ApiUsageStore;
import io.ledgerbridge.activities.store.ConnectedSystem;
import io.ledgerbridge.activities.store.ConnectionStore;
import io.ledgerbridge.activities.store.OpenErrorCount;
import io.ledgerbridge.activities.store.RecordErrorStore;
import io.ledgerbridge.worker.realtime.RealTimeActivity;
import io.ledgerbridge.worker.reconcile.Reconciliation;
import io.ledgerbridge.worker.reconcile.ReconciliationStore;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.reconcile.ObjectReconciliation;
import io.ledgerbridge.workflows.runs.RunStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** Builds the status summary from jobs, runs, cursors, links and errors. */
@Service
class StatusService {
  private static final Logger log = LoggerFactory.getLogger(StatusService.class);

  private final SyncStatusStore status;
  private final RecordErrorStore errors;
  private final ConnectionStore connections;
  private final RealTimeActivity realTime;
  private final ReconciliationStore reconciliations;
  private final SalesforceClient salesforce;
  private final QuickBooksMeter quickBooksMeter;
  private final Clock clock = Clock.systemUTC();

  StatusService(JdbcTemplate jdbc, ConnectionStore connections, RealTimeActivity realTime,
      ReconciliationStore reconciliations, SalesforceClient salesforce, QuickBooksLimits quickBooksLimits) {
    this.quickBooksMeter = quickBooksLimits.meter();
    this.status = new SyncStatusStore(jdbc);
    this.errors = new RecordErrorStore(jdbc);
    this.connections = connections;
    this.realTime = realTime;
    this.reconciliations = reconciliations;
    this.salesforce = salesforce;
  }

  StatusView summary(String companyIdOrNull) {
    Map<Key, Builder> rows = new TreeMap<>();
    for (SyncStatusStore.JobObject job : status.jobObjects()) {
      row(rows, job.companyId(), job.object(), job.direction()).jobs.add(job.jobId());
    }
    for (SyncStatusStore.ObjectRuns runs : status.objectRuns()) {
      Builder b = row(rows, runs.companyId(), runs.object(), runs.direction());
      b.lastRun =
          new StatusView.LastRun(runs.lastRunId(), runs.lastStatus(), runs.lastFinishedAt(), runs.lastDeferred(), runs.lastError());
      b.lastSuccess = runs.lastSuccessfulAt();
    }
    for (SyncStatusStore.Deferred deferred : status.deferred()) {
      row(rows, deferred.companyId(), deferred.object(), deferred.direction()).deferred = deferred.records();
    }
    for (SyncStatusStore.Cursor cursor : status.cursors()) {
      row(rows, cursor.companyId(), cursor.object(), cursor.direction()).cursor = cursor.value();
    }
    for (OpenErrorCount count : errors.openCounts()) {
      Builder b = row(rows, count.companyId(), count.object().displayName(), count.direction().name());
      int n = count.records() + count.wholeObject();
      b.openErrors += n;
      b.errorsByType.merge(count.type().name(), n, Integer::sum);
    }
    Map<String, SyncStatusStore.Linked> linked = new HashMap<>();
    for (SyncStatusStore.Linked l : status.linked()) {
      linked.put(l.companyId() + "|" + l.object(), l);
    }
    Set<String> connected = new TreeSet<>(connections.accountIds(ConnectedSystem.QUICKBOOKS));

    Map<String, List<StatusView.ObjectStatus>> byCompany = new TreeMap<>();
    connected.forEach(c -> byCompany.put(c, new ArrayList<>()));
    int inSync = 0;
    int openErrors = 0;
    int deferred = 0;
    int failing = 0;
    for (Map.Entry<Key, Builder> entry : rows.entrySet()) {
      Key key = entry.getKey();
      Builder b = entry.getValue();
      SyncStatusStore.Linked l = linked.get(key.companyId() + "|" + key.object());
      StatusView.ObjectStatus object = b.build(key, l);
      if (companyIdOrNull != null && !companyIdOrNull.equals(key.companyId())) {
        continue;
      }
      byCompany.computeIfAbsent(key.companyId(), c -> new ArrayList<>()).add(object);
      inSync += object.inSync();
      openErrors += object.openErrors();
      deferred += object.deferred();
      failing += object.state() == StatusView.State.FAILING ? 1 : 0;
    }
    Map<String, Reconciliation> reconciled = reconciliations.latestEndedPerCompany();
    reconciled.keySet().forEach(c -> byCompany.computeIfAbsent(c, k -> new ArrayList<>()));
    List<StatusView.Company> companies = new ArrayList<>();
    byCompany.forEach(
        (companyId, objects) -> {
          if (companyIdOrNull == null || companyIdOrNull.equals(companyId)) {
            companies.add(
                new StatusView.Company(
                    companyId,
                    connected.contains(companyId),
                    objects.stream().mapToInt(StatusView.ObjectStatus::openErrors).sum(),
                    objects,
                    lastReconciliation(reconciled.get(companyId))));
          }
        });
    return new StatusView(clock.instant(), new StatusView.Totals(inSync, openErrors, deferred, failing), companies,
        salesforceOrg(), quickBooksCalls(companyIdOrNull), realTime.sources());
  }

  private StatusView.QuickBooksCalls quickBooksCalls(String companyIdOrNull) {
    QuickBooksMeter.MonthlyUsage usage = quickBooksMeter.usage();
    Map<String, long[]> byCompany = new TreeMap<>();
    for (ApiUsageStore.Usage calls : usage.byCompany()) {
      if (companyIdOrNull == null || companyIdOrNull.equals(calls.companyId())) {
        long[] counts = byCompany.computeIfAbsent(calls.companyId(), c -> new long[2]);
        counts[calls.callClass().equals(QuickBooksMeter.CallClass.CORE_PLUS.label()) ? 0 : 1] += calls.calls();
      }
    }
    List<StatusView.CompanyCalls> companies = new ArrayList<>();
    byCompany.forEach((companyId, counts) -> companies.add(new StatusView.CompanyCalls(companyId, counts[0], counts[1])));
    return new StatusView.QuickBooksCalls(usage.month(), usage.corePlusCalls(), usage.budget(), usage.state(),
        usage.resetsAt(), companies);
  }

  /** The org as last seen, with its user's name once the identity URL answered; the page shows what is known. */
  private OrgStatus salesforceOrg() {
    OrgStatus org = salesforce.status();
    try {
      return salesforce.user().map(org::naming).orElse(org);
    } catch (RuntimeException unanswered) {
      log.info("The Salesforce user's name is not known: its identity URL did not answer: {}", unanswered.getMessage());
      return org;
    }
  }

  private static StatusView.LastReconciliation lastReconciliation(Reconciliation reconciliation) {
    if (reconciliation == null) {
      return null;
    }
    Map<String, Integer> byObject = new LinkedHashMap<>();
    for (ObjectReconciliation object : reconciliation.objects()) {
      byObject.put(object.object().displayName() + (object.salesforceObject() == null ? "" : "/" + object.salesforceObject()),
          object.counts().differences());
    }
    return new StatusView.LastReconciliation(reconciliation.id(), reconciliation.status(), reconciliation.finishedAt(),
        reconciliation.differences(), byObject);
  }

  private static Builder row(Map<Key, Builder> rows, String companyId, String object, String direction) {
    return rows.computeIfAbsent(new Key(companyId, object, direction), k -> new Builder());
  }

  private record Key(String companyId, String object, String direction) implements Comparable<Key> {
    @Override
    public int compareTo(Key other) {
      int c = companyId.compareTo(other.companyId);
      if (c != 0) {
        return c;
      }
      c = Integer.compare(ObjectOrder.of(object), ObjectOrder.of(other.object));
      if (c != 0) {
        return c;
      }
      c = object.compareTo(other.object);
      return c != 0 ? c : direction.compareTo(other.direction);
    }
  }

  /** Catalog order (parents first), unknown names last. */
  private static final class ObjectOrder {
    static int of(String object) {
      return SyncObject.find(object).map(SyncObject.all()::indexOf).orElse(Integer.MAX_VALUE);
    }
  }

  private static final class Builder {
    final Set<String> jobs = new TreeSet<>();
    final Map<String, Integer> errorsByType = new TreeMap<>();
    StatusView.LastRun lastRun;
    Instant lastSuccess;
    String cursor;
    int deferred;
    int openErrors;

    StatusView.ObjectStatus build(Key key, SyncStatusStore.Linked linked) {
      StatusView.State state;
      if (lastRun != null && lastRun.status() == RunStatus.FAILED) {
        state = StatusView.State.FAILING;
      } else if (openErrors > 0) {
        state = StatusView.State.ERRORS;
      } else if (lastRun == null && cursor == null) {
        state = StatusView.State.NEVER_SYNCED;
      } else {
        state = StatusView.State.OK;
      }
      return new StatusView.ObjectStatus(
          key.object(),
          key.direction(),
          state,
          linked == null ? 0 : linked.linked(),
          linked == null ? 0 : linked.inSync(),
          openErrors,
          errorsByType,
          deferred,
          lastSuccess,
          lastRun,
          cursor,
          List.copyOf(jobs));
    }
  }
}
