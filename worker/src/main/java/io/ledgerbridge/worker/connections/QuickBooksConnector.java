package io.ledgerbridge.worker.connections;

import io.ledgerbridge.activities.quickbooks.QuickBooksClient;
import io.ledgerbridge.worker.security.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Connects QuickBooks companies with OAuth 2.0's authorization-code flow. Each authorization gets
 * a one-time {@code state} ({@link AuthorizationStates}), so a forged callback cannot attach somebody else's company.
 */
@Service
public class QuickBooksConnector {
  private static final Logger log = LoggerFactory.getLogger(QuickBooksConnector.class);

  private final QuickBooksClient quickBooks;
  private final AuthorizationStates states = new AuthorizationStates();

  public QuickBooksConnector(QuickBooksClient quickBooks) {
    this.quickBooks = quickBooks;
  }

  /** Starts an authorization for the actor: the URL to send their browser to. */
  public String beginAuthorization(Actor actor) {
    return quickBooks.authorizationUrl(states.issue(actor));
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
    Actor actor = states.redeem(state).orElseThrow(() -> new IllegalArgumentException(
        "unknown or expired OAuth state; start the connection again from the connect link"));
    quickBooks.completeAuthorization(code, realmId);
    log.info("QuickBooks company realmId={} connected", realmId);
    return actor;
  }

  /** Whether LedgerBridge holds tokens for the company. */
  public boolean isConnected(String realmId) {
    return quickBooks.isConnected(realmId);
  }
}
