package io.ledgerbridge.worker.realtime;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * A notification refused as a whole: not signed by a sender we trust (401), not one we can read
 * (400), or not storable now (503, so the sender delivers it again). The API's error handler turns
 * it into the usual JSON error.
 */
final class NotificationRejected extends ResponseStatusException {
  NotificationRejected(HttpStatus status, String message) {
    super(status, message);
  }
}
