package io.ledgerbridge.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The sandbox QuickBooks company as the suite sees it: its own OAuth connection, queries and edits over HTTP. */
final class QuickBooksSandbox {
  static final String REALM_ID = "9130357766001001";
  static final String CLIENT_ID = "ledgerbridge-demo-qbo";
  static final String CLIENT_SECRET = "demo-qbo-secret";
  private static final String REDIRECT_URI = "http://127.0.0.1/resilience-suite";
  private static final int PAGE = 1000;

  private final String baseUrl;
  private volatile String accessToken;

  QuickBooksSandbox(String baseUrl) {
    this.baseUrl = baseUrl;
    connect();
  }

  /** Every entity of a kind, paging as Intuit's query language allows; {@code where} may be empty. */
  List<JsonNode> queryAll(String entity, String where) {
    List<JsonNode> all = new ArrayList<>();
    for (int start = 1; ; start += PAGE) {
      String query = "select * from " + entity + (where.isEmpty() ? "" : " where " + where) + " startposition " + start
          + " maxresults " + PAGE;
      JsonNode page = call("GET", "/query?query=" + Http.encode(query), null).path("QueryResponse").path(entity);
      page.forEach(all::add);
      if (page.size() < PAGE) {
        return all;
      }
    }
  }

  JsonNode read(String entity, String id) {
    return call("GET", "/" + entity.toLowerCase() + "/" + id, null).path(entity);
  }

  /** A sparse update of a customer's name, as a person editing it in QuickBooks. */
  void renameCustomer(String id, String displayName) {
    JsonNode current = read("Customer", id);
    call("POST", "/customer", Map.of("Id", id, "SyncToken", current.path("SyncToken").asText(), "sparse", true,
        "DisplayName", displayName));
  }

  String createCustomer(String displayName) {
    return call("POST", "/customer", Map.of("DisplayName", displayName)).path("Customer").path("Id").asText();
  }

  private JsonNode call(String method, String path, Object body) {
    String url = baseUrl + "/v3/company/" + REALM_ID + path;
    Http.Reply reply = SandboxCalls.withRetries("QuickBooks " + method + " " + path,
        () -> Http.json(method, url, body, "Authorization", "Bearer " + accessToken, "Accept", "application/json"),
        this::connect);
    if (!reply.ok()) {
      throw new IllegalStateException("QuickBooks " + method + " " + path + ": HTTP " + reply.status() + " "
          + reply.abbreviated());
    }
    return reply.json();
  }

  /** The consent redirect (the sandbox approves at once) and the code exchange, as any app connects. */
  private void connect() {
    String consent = baseUrl + "/connect/oauth2?response_type=code&client_id=" + CLIENT_ID + "&redirect_uri="
        + Http.encode(REDIRECT_URI) + "&scope=com.intuit.quickbooks.accounting&state=suite";
    Http.Reply redirect = SandboxCalls.withRetries("QuickBooks consent", () -> Http.get(consent), () -> { });
    String location = redirect.header("Location");
    String code = location.replaceAll(".*[?&]code=([^&]+).*", "$1");
    String basic = java.util.Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes());
    Http.Reply tokens = SandboxCalls.withRetries("QuickBooks token", () -> Http.form(baseUrl + "/oauth2/v1/tokens/bearer",
        Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT_URI),
        "Authorization", "Basic " + basic, "Accept", "application/json"), () -> { });
    accessToken = tokens.json().path("access_token").asText();
  }
}
