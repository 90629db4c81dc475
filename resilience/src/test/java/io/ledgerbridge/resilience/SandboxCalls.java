package io.ledgerbridge.resilience;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The suite's own calls to the sandbox retry whatever a fault or a busy machine may cause (5xx, 429, 403
 * limits, dropped connections), so checking never fails for a reason that is not LedgerBridge's.
 */
final class SandboxCalls {
  private static final int ATTEMPTS = 20;

  private SandboxCalls() {}

  /** Retries a call whose answer is transient; {@code onUnauthorized} gets a new token before a retry after 401. */
  static Http.Reply withRetries(String what, Supplier<Http.Reply> call, Runnable onUnauthorized) {
    String last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        Http.Reply reply = call.get();
        if (reply.status() == 401) {
          onUnauthorized.run();
        } else if (reply.status() < 500 && reply.status() != 429 && !isRequestLimit(reply)) {
          return reply;
        }
        last = "HTTP " + reply.status() + " " + reply.abbreviated();
      } catch (UncheckedIOException e) {
        last = e.getMessage();
      }
      Waiting.pause(Duration.ofMillis(Math.min(2000, 100L * attempt)));
    }
    throw new IllegalStateException(what + " still failing after " + ATTEMPTS + " attempts: " + last);
  }

  private static boolean isRequestLimit(Http.Reply reply) {
    return reply.status() == 403 && reply.body().contains("REQUEST_LIMIT_EXCEEDED");
  }
}
