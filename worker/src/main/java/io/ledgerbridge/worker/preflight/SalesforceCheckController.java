package io.ledgerbridge.worker.preflight;

import io.ledgerbridge.activities.errors.RemoteFailure;
import io.ledgerbridge.activities.errors.RemoteFailures;
import io.ledgerbridge.activities.preflight.SalesforcePreflight;
import io.ledgerbridge.worker.access.RequiresRole;
import io.ledgerbridge.worker.access.Role;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.sync.FailureType;
import io.ledgerbridge.workflows.sync.PreflightRequest;
import io.ledgerbridge.workflows.sync.PreflightResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /api/connections/salesforce/check}: describes the Salesforce objects the field mappings
 * use and says exactly which objects and fields are missing or have an incompatible type, before a
 * job finds out. {@code ?object=Invoice&direction=QBO_TO_SALESFORCE} narrows the check; {@code ?companyId=realmId}
 * also checks that QuickBooks company: the accounts the Item mapping names in its chart of accounts, and its
 * currency and tax settings against the mappings, as a job's first run does.
 */
@Tag(name = "Connections")
@RestController
@RequiresRole(Role.VIEWER)
@RequestMapping("/api/connections/salesforce")
class SalesforceCheckController {
  private final SalesforcePreflight preflight;

  SalesforceCheckController(SalesforcePreflight preflight) {
    this.preflight = preflight;
  }

  @Operation(operationId = "checkSalesforce", summary = "Preflight: every mapped Salesforce field exists with a compatible"
      + " type, or exactly what is missing")
  @ApiResponse(responseCode = "200", description = "The check's result")
  @ApiResponse(responseCode = "400", description = "An unknown object or direction")
  @ApiResponse(responseCode = "502", description = "Salesforce (or QuickBooks, for a company) refused LedgerBridge's"
      + " credentials or settings")
  @ApiResponse(responseCode = "503", description = "Salesforce (or QuickBooks, for a company) cannot be reached now")
  @GetMapping("/check")
  PreflightResult check(
      @Parameter(description = "Objects to check, all when left out", array = @ArraySchema(schema = @Schema(implementation = SyncObject.class)))
      @RequestParam(name = "object", required = false) List<String> objects,
      @RequestParam(name = "direction", required = false) SyncDirection direction,
      @Parameter(description = "A QuickBooks company (realmId) whose chart of accounts (the accounts the Item mapping"
          + " names) and currency and tax settings the mappings are checked against too; left out, QuickBooks is not asked")
      @RequestParam(name = "companyId", required = false) String companyId) {
    List<SyncObject> wanted = objects == null ? List.of() : objects.stream().map(SalesforceCheckController::object).toList();
    try {
      return preflight.check(new PreflightRequest(wanted, direction, companyId == null || companyId.isBlank() ? null : companyId));
    } catch (RuntimeException failure) {
      RemoteFailure remote = RemoteFailures.classify(failure).orElseThrow(() -> failure);
      HttpStatus status = remote.type() == FailureType.AUTH || remote.type() == FailureType.CONFIGURATION
          ? HttpStatus.BAD_GATEWAY
          : HttpStatus.SERVICE_UNAVAILABLE;
      throw new ResponseStatusException(status, "cannot run the check: " + remote.message(), failure);
    }
  }

  private static SyncObject object(String name) {
    try {
      return SyncObject.require(name);
    } catch (IllegalArgumentException unknown) {
      throw new IllegalArgumentException("object: " + unknown.getMessage(), unknown);
    }
  }
}
