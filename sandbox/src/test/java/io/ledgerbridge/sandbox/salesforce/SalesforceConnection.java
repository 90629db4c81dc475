package io.ledgerbridge.sandbox.salesforce;

import io.ledgerbridge.sandbox.ContractClient;
import io.ledgerbridge.sandbox.Sandbox;
import java.util.Map;

/** Logs in to the Salesforce simulator with the client-credentials flow. */
final class SalesforceConnection {
  static final String API = "/services/data/" + Sandbox.SALESFORCE_API_VERSION;

  private SalesforceConnection() {}

  static String accessToken(ContractClient sf) {
    ContractClient.Reply reply = sf.postForm("/services/oauth2/token", Map.of("grant_type", "client_credentials",
        "client_id", Sandbox.SALESFORCE_CLIENT_ID, "client_secret", Sandbox.SALESFORCE_CLIENT_SECRET));
    if (reply.status() != 200) {
      throw new AssertionError("login failed: " + reply.body());
    }
    return reply.json().get("access_token").asText();
  }

  static String[] bearer(String token, String... more) {
    String[] headers = new String[2 + more.length];
    headers[0] = "Authorization";
    headers[1] = "Bearer " + token;
    System.arraycopy(more, 0, headers, 2, more.length);
    return headers;
  }
}
