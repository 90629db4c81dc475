package io.ledgerbridge.worker.reconcile;

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
@RestController
@RequestMapping("/api/reconciliations")
class ReconciliationsController {
  private final ReconciliationService reconciliations;

  ReconciliationsController(ReconciliationService reconciliations) {
    this.reconciliations = reconciliations;
  }

  /** Starts one now: 202 with its id; 409 while another of the company runs. */
  @PostMapping
  ResponseEntity<ReconciliationService.Started> start(@RequestBody(required = false) ReconciliationRequest request) {
    return ResponseEntity.accepted().body(reconciliations.start(request));
  }

  /** The company's newest reconciliation; {@code companyId} may be left out while one company is connected. */
  @GetMapping("/latest")
  Reconciliation latest(@RequestParam(required = false) String companyId) {
    return reconciliations.latest(companyId);
  }

  @GetMapping("/{id}")
  Reconciliation get(@PathVariable String id) {
    return reconciliations.find(id);
  }
}
