package io.ledgerbridge.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The sandbox Salesforce org as the suite sees it: its own session, SOQL queries and record edits over HTTP. */
final class SalesforceSandbox {
  static final String CLIENT_ID = "ledgerbridge-demo-sf";
  static final String CLIENT_SECRET = "demo-sf-secret";
  private static final String API = "/services/data/v62.0";
  private static final int COLLECTION = 200;

  private final String baseUrl;
  private volatile String session;

  SalesforceSandbox(String baseUrl) {
    this.baseUrl = baseUrl;
    logIn();
  }

  /** Every row of a SOQL query, following {@code nextRecordsUrl}. */
  List<JsonNode> query(String soql) {
    List<JsonNode> rows = new ArrayList<>();
    JsonNode page = call("GET", API + "/query?q=" + Http.encode(soql), null);
    while (true) {
      page.path("records").forEach(rows::add);
      if (page.path("done").asBoolean(true)) {
        return rows;
      }
      page = call("GET", page.path("nextRecordsUrl").asText(), null);
    }
  }

  String create(String type, Map<String, Object> fields) {
    JsonNode created = call("POST", API + "/sobjects/" + type, fields);
    return created.path("id").asText();
  }

  /** Creates the records in collections of 200, Salesforce's most per call; fails if any is refused. */
  void createAll(String type, List<Map<String, Object>> records) {
    for (int from = 0; from < records.size(); from += COLLECTION) {
      List<Map<String, Object>> collection = new ArrayList<>();
      for (Map<String, Object> fields : records.subList(from, Math.min(records.size(), from + COLLECTION))) {
        Map<String, Object> record = new LinkedHashMap<>(fields);
        record.put("attributes", Map.of("type", type));
        collection.add(record);
      }
      for (JsonNode result : call("POST", API + "/composite/sobjects", Map.of("allOrNone", true, "records", collection))) {
        if (!result.path("success").asBoolean()) {
          throw new IllegalStateException("Salesforce refused a " + type + ": " + result);
        }
      }
    }
  }

  void update(String type, String id, Map<String, Object> fields) {
    call("PATCH", API + "/sobjects/" + type + "/" + id, fields);
  }

  private JsonNode call(String method, String path, Object body) {
    Http.Reply reply = SandboxCalls.withRetries("Salesforce " + method + " " + path,
        () -> Http.json(method, baseUrl + path, body, "Authorization", "Bearer " + session), this::logIn);
    if (!reply.ok()) {
      throw new IllegalStateException("Salesforce " + method + " " + path + ": HTTP " + reply.status() + " "
          + reply.abbreviated());
    }
    return reply.status() == 204 ? Http.JSON.createObjectNode() : reply.json();
  }

  private void logIn() {
    Http.Reply reply = SandboxCalls.withRetries("Salesforce login", () -> Http.form(baseUrl + "/services/oauth2/token",
        Map.of("grant_type", "client_credentials", "client_id", CLIENT_ID, "client_secret", CLIENT_SECRET)), () -> { });
    session = reply.json().path("access_token").asText();
  }
}
