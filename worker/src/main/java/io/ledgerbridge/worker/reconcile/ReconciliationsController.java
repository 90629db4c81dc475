package io.ledgerbridge.worker.reconcile;

import io.ledgerbridge.worker.access.RequiresRole;
import io.ledgerbridge.worker.access.Role;
import io.ledgerbridge.worker.audit.AuditAction;
import io.ledgerbridge.worker.audit.AuditTrail;
import io.ledgerbridge.worker.audit.Audited;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/reconciliations}: compare a company's records in QuickBooks, Salesforce and the
 * record links now (optionally repairing what differs), and read the findings.
 */
@Tag(name = "Reconciliations", description = "Compare a company's records in QuickBooks and Salesforce, and repair")
@RestController
@RequiresRole(Role.VIEWER)
@RequestMapping("/api/reconciliations")
class ReconciliationsController {
  private final ReconciliationService reconciliations;
  private final AuditTrail audit;

  ReconciliationsController(ReconciliationService reconciliations, AuditTrail audit) {
    this.reconciliations = reconciliations;
    this.audit = audit;
  }

  @Operation(operationId = "startReconciliation", summary = "Start a reconciliation now",
      description = "Every field is optional: companyId while exactly one company is connected; objects every object"
          + " the company's active jobs sync.")
  @ApiResponse(responseCode = "202", description = "Started; the findings follow at /api/reconciliations/{id}")
  @ApiResponse(responseCode = "400", description = "An unknown object, one no active job of the company syncs, or a"
      + " company that is not connected; the message names the field")
  @ApiResponse(responseCode = "409", description = "Another reconciliation of the company is running")
  @PostMapping
  @RequiresRole(Role.OPERATOR)
  @Audited(AuditAction.RECONCILIATION_STARTED)
  ResponseEntity<ReconciliationService.Started> start(@RequestBody(required = false) ReconciliationRequest request) {
    ReconciliationService.Started started = reconciliations.start(request);
    audit.describe(started.companyId(), Map.of("reconciliationId", started.id(), "objects", started.objects(),
        "repair", started.repair()));
    return ResponseEntity.accepted().body(started);
  }

  @Operation(operationId = "getLatestReconciliation", summary = "The company's newest reconciliation",
      description = "companyId may be left out while exactly one company is connected.")
  @ApiResponse(responseCode = "200", description = "The reconciliation")
  @ApiResponse(responseCode = "400", description = "The company is not connected, or it is left out while several are")
  @ApiResponse(responseCode = "404", description = "The company has not been reconciled yet")
  @GetMapping("/latest")
  Reconciliation latest(@RequestParam(required = false) String companyId) {
    return reconciliations.latest(companyId);
  }

  @Operation(operationId = "getReconciliation", summary = "One reconciliation")
  @ApiResponse(responseCode = "200", description = "The reconciliation")
  @ApiResponse(responseCode = "400", description = "The id is not valid")
  @ApiResponse(responseCode = "404", description = "No reconciliation with this id")
  @GetMapping("/{id}")
  Reconciliation get(@PathVariable String id) {
    return reconciliations.find(id);
  }
}
