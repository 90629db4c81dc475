package io.ledgerbridge.worker.connections;

import io.ledgerbridge.activities.salesforce.SalesforceAuthFlow;
import io.ledgerbridge.activities.salesforce.SalesforceLogin;
import io.ledgerbridge.worker.security.Actor;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

/**
 * Connects and disconnects the Salesforce org by the web-server (authorization-code) flow, each authorization
 * with a one-time {@code state} ({@link AuthorizationStates}). With the other flows the org's credentials come
 * from the configuration, so connecting or disconnecting here is refused (409) saying so.
 */
@Service
class SalesforceConnector {
  private final SalesforceLogin login;
  private final AuthorizationStates states = new AuthorizationStates();

  SalesforceConnector(SalesforceLogin login) {
    this.login = login;
  }

  /** The org, by its login host. */
  String accountId() {
    return login.settings().accountId();
  }

  SalesforceAuthFlow flow() {
    return login.settings().authFlow();
  }

  /** Starts an authorization for the actor: Salesforce's consent page to send their browser to. */
  String beginAuthorization(Actor actor) {
    requireWebServerFlow("connected");
    return login.authorizationUrl(states.issue(actor));
  }

  /**
   * Finishes an authorization from Salesforce's callback: the code becomes the stored refresh token.
   *
   * @return who asked for the connect link: the one-time state stands for them
   * @throws IllegalArgumentException when the state is unknown, used or expired, or the code is missing
   */
  Actor completeAuthorization(String code, String state) {
    if (code == null || code.isBlank()) {
      throw new IllegalArgumentException("the callback has no 'code'; start again from Connect Salesforce");
    }
    Actor actor = states.redeem(state).orElseThrow(() -> new IllegalArgumentException(
        "unknown or expired OAuth state; start again from Connect Salesforce"));
    login.completeAuthorization(code);
    return actor;
  }

  /**
   * Revokes the refresh token at Salesforce and forgets it.
   *
   * @return whether Salesforce revoked a token (false: it had refused it already)
   */
  boolean disconnect() {
    requireWebServerFlow("disconnected");
    return login.disconnect();
  }

  private void requireWebServerFlow(String what) {
    if (flow() != SalesforceAuthFlow.WEB_SERVER) {
      throw new ResponseStatusException(HttpStatus.CONFLICT, "the Salesforce org cannot be " + what + " here:"
          + " LedgerBridge reaches it by the " + flow().configName() + " flow with the connected app's credentials"
          + " from its configuration (" + configuredBy() + ") and stores no Salesforce token. "
          + (what.equals("connected")
              ? "To connect it from the admin page, set LEDGERBRIDGE_SALESFORCE_AUTH_FLOW=web-server and restart"
              : "To cut it off, remove those settings and restart, or revoke the connected app in Salesforce Setup"));
    }
  }

  private String configuredBy() {
    return flow() == SalesforceAuthFlow.JWT_BEARER
        ? "LEDGERBRIDGE_SALESFORCE_CLIENT_ID, LEDGERBRIDGE_SALESFORCE_USERNAME, LEDGERBRIDGE_SALESFORCE_PRIVATE_KEY_FILE"
        : "LEDGERBRIDGE_SALESFORCE_CLIENT_ID, LEDGERBRIDGE_SALESFORCE_CLIENT_SECRET";
  }
}
