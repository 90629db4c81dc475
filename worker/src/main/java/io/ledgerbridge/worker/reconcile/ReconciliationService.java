package io.ledgerbridge.worker.reconcile;

import io.ledgerbridge.activities.store.ConnectedSystem;
import io.ledgerbridge.activities.store.ConnectionStore;
import io.ledgerbridge.worker.api.RequestText;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.reconcile.ReconcileInput;
import io.ledgerbridge.workflows.reconcile.ReconcileStart;
import io.ledgerbridge.workflows.reconcile.Reconciliations;
import io.swagger.v3.oas.annotations.media.Schema;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

/** Starting reconciliations by hand and reading their findings, with the checks the API promises. */
@Service
class ReconciliationService {
  private static final Logger log = LoggerFactory.getLogger(ReconciliationService.class);
  /** The width of the id and company_id columns. */
  private static final int MAX_ID_LENGTH = 64;

  /** A reconciliation just started: the findings follow at {@code GET /api/reconciliations/{id}}. */
  @Schema(name = "ReconciliationStarted")
  record Started(String id, String companyId, String workflowId, boolean repair, List<String> objects) {}

  private final ConnectionStore connections;
  private final ReconciliationStore store;
  private final TemporalRuns temporal;
  private final ObjectReconciler reconciler;

  ReconciliationService(ConnectionStore connections, ReconciliationStore store, TemporalRuns temporal,
      ObjectReconciler reconciler) {
    this.connections = connections;
    this.store = store;
    this.temporal = temporal;
    this.reconciler = reconciler;
  }

  Started start(ReconciliationRequest request) {
    ReconciliationRequest body = request == null ? new ReconciliationRequest(null, null, null) : request;
    String companyId = company(body.companyId());
    List<SyncObject> objects = objects(companyId, body.objects());
    List<SyncObject> compared = reconciler.objectsToCompare(companyId, objects);
    if (compared.isEmpty()) {
      throw new IllegalArgumentException("companyId: no active job of company " + companyId + " syncs any object, so"
          + " nothing is expected to be in step; a reconciliation compares what the company's active jobs sync");
    }
    boolean repair = Boolean.TRUE.equals(body.repair());
    for (Reconciliation running : store.running(companyId)) {
      if (temporal.isOpen(running)) {
        throw conflict(companyId, running.id());
      }
    }
    ReconcileInput input = new ReconcileInput(companyId, objects, repair, false);
    String id;
    try {
      id = temporal.startNow(input);
    } catch (WorkflowExecutionAlreadyStarted running) {
      throw conflict(companyId, running.getExecution().getRunId());
    }
    // Visible at once: its workflow records it too, but a caller may ask for it before that.
    store.started(new ReconcileStart(id, Reconciliations.manualWorkflowId(companyId), input, Instant.now()));
    log.info("Started reconciliation {} of company {} by hand (objects {}, repair {})", id, companyId,
        objects.isEmpty() ? "all" : objects, repair);
    return new Started(id, companyId, Reconciliations.manualWorkflowId(companyId),
        repair, compared.stream().map(SyncObject::displayName).toList());
  }

  Reconciliation find(String id) {
    return store.find(RequestText.required("id", id, MAX_ID_LENGTH))
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no reconciliation " + id
            + "; GET /api/reconciliations/latest shows a company's newest"));
  }

  Reconciliation latest(String companyIdOrNull) {
    String companyId = company(companyIdOrNull);
    return store.latest(companyId)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "company " + companyId
            + " has not been reconciled yet; start one with POST /api/reconciliations"));
  }

  /** The company asked for, which must be connected; or the only one connected. */
  private String company(String given) {
    String companyId = RequestText.optional("companyId", given, MAX_ID_LENGTH);
    List<String> connected = connections.accountIds(ConnectedSystem.QUICKBOOKS);
    if (companyId != null) {
      if (!connected.contains(companyId)) {
        throw new IllegalArgumentException("companyId: QuickBooks company " + companyId + " is not connected; "
            + (connected.isEmpty() ? "connect it first (POST /api/connections/quickbooks/authorizations)"
                : "the connected ones are " + String.join(", ", connected)));
      }
      return companyId;
    }
    if (connected.size() == 1) {
      return connected.get(0);
    }
    throw new IllegalArgumentException(connected.isEmpty()
        ? "companyId: no QuickBooks company is connected; connect one first (POST /api/connections/quickbooks/authorizations)"
        : "companyId: " + connected.size() + " QuickBooks companies are connected (" + String.join(", ", connected)
            + "); name the one to reconcile");
  }

  /** The objects named, in catalog order; each must be known, and synced by an active job of the company. */
  private List<SyncObject> objects(String companyId, List<String> names) {
    if (names == null) {
      return List.of();
    }
    List<SyncObject> objects = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("objects[" + i + "]: empty; name an object, one of " + SyncObject.knownNames());
      }
      Optional<SyncObject> object = SyncObject.find(name);
      if (object.isEmpty()) {
        throw new IllegalArgumentException("objects[" + i + "]: unknown object '" + RequestText.optional("objects", name, 100)
            + "'; known objects are " + SyncObject.knownNames());
      }
      if (reconciler.objectsToCompare(companyId, List.of(object.get())).isEmpty()) {
        throw new IllegalArgumentException("objects[" + i + "]: no active job of company " + companyId + " syncs "
            + object.get().displayName() + ", so it is not expected to be in step; leave it out");
      }
      objects.add(object.get());
    }
    return objects.stream().distinct().sorted().toList();
  }

  private static ResponseStatusException conflict(String companyId, String runningId) {
    return new ResponseStatusException(HttpStatus.CONFLICT, "a reconciliation of company " + companyId
        + " is running" + (runningId == null || runningId.isEmpty() ? "" : " (id " + runningId + ", GET /api/reconciliations/"
        + runningId + ")") + "; wait for it to end, then start another");
  }
}
