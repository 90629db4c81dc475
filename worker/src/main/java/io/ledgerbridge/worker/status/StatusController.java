package io.ledgerbridge.worker.status;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/status}: per company and object, in sync, errors, deferred, last successful sync. */
@RestController
class StatusController {
  private final StatusService status;

  StatusController(StatusService status) {
    this.status = status;
  }

  @GetMapping("/api/status")
  StatusView status(@RequestParam(required = false) String companyId) {
    return status.summary(companyId == null || companyId.isBlank() ? null : companyId.trim());
  }
}
