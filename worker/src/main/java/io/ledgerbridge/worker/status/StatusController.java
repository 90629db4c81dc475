package io.ledgerbridge.worker.status;

import io.ledgerbridge.worker.api.RequestText;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/status}: per company and object, in sync, errors, deferred, last successful sync. */
@RestController
class StatusController {
  /** The width of the company_id columns. */
  private static final int MAX_COMPANY_ID_LENGTH = 64;

  private final StatusService status;

  StatusController(StatusService status) {
    this.status = status;
  }

  @GetMapping("/api/status")
  StatusView status(@RequestParam(required = false) String companyId) {
    return status.summary(RequestText.optional("companyId", companyId, MAX_COMPANY_ID_LENGTH));
  }
}
