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
 * job finds out. {@code ?object=Invoice&direction=QBO_TO_SALESFORCE} narrows the check; {@code
 * ?companyId=} also checks that company's chart of accounts has the accounts the Item mapping names.
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
  @ApiResponse(responseCode = "502", description = "Salesforce refused LedgerBridge's credentials or settings")
  @ApiResponse(responseCode = "503", description = "Salesforce cannot be reached now")
  @GetMapping("/check")
  PreflightResult check(
      @Parameter(description = "Objects to check, all when left out", array = @ArraySchema(schema = @Schema(implementation = SyncObject.class)))
      @RequestParam(name = "object", required = false) List<String> objects,
      @RequestParam(name = "direction", required = false) SyncDirection direction,
      @Parameter(description = "A QuickBooks company (realmId) whose chart of accounts must have the accounts the Item"
          + " mapping names; left out, QuickBooks is not asked")
      @RequestParam(name = "companyId", required = false) String companyId) {
    List<SyncObject> wanted = objects == null ? List.of() : objects.stream().map(SalesforceCheckController::object).toList();
    try {
      return preflight.check(new PreflightRequest(wanted, direction, companyId));
    } catch (RuntimeException failure) {
      RemoteFailure remote = RemoteFailures.classify(failure).orElseThrow(() -> failure);
      HttpStatus status = remote.type() == FailureType.AUTH || remote.type() == FailureType.CONFIGURATION
          ? HttpStatus.BAD_GATEWAY
          : HttpStatus.SERVICE_UNAVAILABLE;
      throw new ResponseStatusException(status, "cannot check Salesforce or QuickBooks: " + remote.message(), failure);
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
