package io.ledgerbridge.sandbox.quickbooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.sandbox.ContractClient;
import io.ledgerbridge.sandbox.Sandbox;
import java.util.Map;

/** Connects to the QBO simulator the way an app does: consent redirect, then code exchange. */
final class QboConnection {
  static final String REDIRECT_URI = "http://localhost:8080/oauth/qbo/callback";

  private QboConnection() {}

  /** The authorization code from the consent redirect. */
  static String authorize(ContractClient qbo, String realmHint) {
    String path = "/connect/oauth2?response_type=code&client_id=" + Sandbox.QBO_CLIENT_ID + "&redirect_uri="
        + ContractClient.encode(REDIRECT_URI) + "&scope=" + ContractClient.encode("com.intuit.quickbooks.accounting")
        + "&state=xyz" + (realmHint == null ? "" : "&realmId=" + realmHint);
    ContractClient.Reply redirect = qbo.get(path);
    return ContractClient.queryOf(redirect.header("Location")).get("code");
  }

  /** The token response of a fresh connection to a realm. */
  static JsonNode connect(ContractClient qbo, String realmHint) {
    String code = authorize(qbo, realmHint);
    return qbo.postForm("/oauth2/v1/tokens/bearer",
        Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT_URI),
        "Authorization", ContractClient.basic(Sandbox.QBO_CLIENT_ID, Sandbox.QBO_CLIENT_SECRET),
        "Accept", "application/json").json();
  }

  static String accessToken(ContractClient qbo) {
    return connect(qbo, null).get("access_token").asText();
  }

  static JsonNode refresh(ContractClient qbo, String refreshToken, int expectedStatus) {
    ContractClient.Reply reply = qbo.postForm("/oauth2/v1/tokens/bearer",
        Map.of("grant_type", "refresh_token", "refresh_token", refreshToken),
        "Authorization", ContractClient.basic(Sandbox.QBO_CLIENT_ID, Sandbox.QBO_CLIENT_SECRET));
    if (reply.status() != expectedStatus) {
      throw new AssertionError("expected " + expectedStatus + " but got " + reply.status() + ": " + reply.body());
    }
    return reply.json();
  }
}
