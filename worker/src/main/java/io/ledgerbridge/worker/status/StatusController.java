package io.ledgerbridge.worker.status;

import io.ledgerbridge.worker.access.RequiresRole;
import io.ledgerbridge.worker.access.Role;
import io.ledgerbridge.worker.api.RequestText;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/status}: per company and object, in sync, errors, deferred, last successful sync. */
@Tag(name = "Status", description = "What is in sync, per company, object and direction")
@RestController
@RequiresRole(Role.VIEWER)
class StatusController {
  /** The width of the company_id columns. */
  private static final int MAX_COMPANY_ID_LENGTH = 64;

  private final StatusService status;

  StatusController(StatusService status) {
    this.status = status;
  }

  @Operation(operationId = "getStatus", summary = "Per company, object and direction: in sync, open errors, deferred,"
      + " last successful sync and run; each company's last reconciliation; the change notifications received")
  @ApiResponse(responseCode = "200", description = "The summary")
  @ApiResponse(responseCode = "400", description = "The companyId is not valid")
  @GetMapping("/api/status")
  StatusView status(@RequestParam(required = false) String companyId) {
    return status.summary(RequestText.optional("companyId", companyId, MAX_COMPANY_ID_LENGTH));
  }
}
