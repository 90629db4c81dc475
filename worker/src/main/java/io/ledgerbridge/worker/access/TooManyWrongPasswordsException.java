package io.ledgerbridge.worker.access;

import java.time.Duration;
import java.time.Instant;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** A sign-in refused because its email had too many wrong passwords lately: 429 with Retry-After. */
final class TooManyWrongPasswordsException extends ResponseStatusException {
  private final long retryAfterSeconds;

  TooManyWrongPasswordsException(Instant lockedUntil, Instant now) {
    super(HttpStatus.TOO_MANY_REQUESTS, "too many wrong passwords for this email: its sign-ins are refused until "
        + lockedUntil + "; try again then, or ask an admin to set a new password");
    this.retryAfterSeconds = Math.max(1, Duration.between(now, lockedUntil).toSeconds() + 1);
  }

  @Override
  public HttpHeaders getHeaders() {
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
    return headers;
  }
}
