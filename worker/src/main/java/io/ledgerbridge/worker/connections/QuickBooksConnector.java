package io.ledgerbridge.worker.connections;

import io.ledgerbridge.activities.quickbooks.QuickBooksClient;
import io.ledgerbridge.worker.security.Actor;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Connects QuickBooks companies with OAuth 2.0's authorization-code flow. Each authorization gets
 * a one-time {@code state} that the callback must return within ten minutes, so a forged callback
 * cannot attach somebody else's company.
 */
@Service
public class QuickBooksConnector {
  private static final Logger log = LoggerFactory.getLogger(QuickBooksConnector.class);
  private static final Duration STATE_LIFETIME = Duration.ofMinutes(10);

  private final QuickBooksClient quickBooks;
  private final Clock clock;
  private final Map<String, PendingAuthorization> pendingStates = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();

  public QuickBooksConnector(QuickBooksClient quickBooks) {
    this.quickBooks = quickBooks;
    this.clock = Clock.systemUTC();
  }

  /** Who asked for a connect link, and until when Intuit's callback may use it. */
  private record PendingAuthorization(Actor actor, Instant expiry) {}

  /** Starts an authorization for the actor: the URL to send their browser to. */
  public String beginAuthorization(Actor actor) {
    Instant now = clock.instant();
    pendingStates.values().removeIf(pending -> pending.expiry().isBefore(now));
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    String state = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    pendingStates.put(state, new PendingAuthorization(actor, now.plus(STATE_LIFETIME)));
    return quickBooks.authorizationUrl(state);
  }

  /**
   * Finishes an authorization from Intuit's callback.
   *
   * @return who asked for the connect link: the one-time state stands for them
   * @throws IllegalArgumentException when the state is unknown, used or expired, or a parameter is missing
   */
  public Actor completeAuthorization(String code, String state, String realmId) {
    if (code == null || code.isBlank() || realmId == null || realmId.isBlank()) {
      throw new IllegalArgumentException("the callback needs both 'code' and 'realmId'; start again from the connect link");
    }
    PendingAuthorization pending = state == null ? null : pendingStates.remove(state);
    if (pending == null || pending.expiry().isBefore(clock.instant())) {
      throw new IllegalArgumentException("unknown or expired OAuth state; start the connection again from the connect link");
    }
    quickBooks.completeAuthorization(code, realmId);
    log.info("QuickBooks company realmId={} connected", realmId);
    return pending.actor();
  }

  /** Whether LedgerBridge holds tokens for the company. */
  public boolean isConnected(String realmId) {
    return quickBooks.isConnected(realmId);
  }
}
