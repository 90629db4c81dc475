package io.ledgerbridge.worker.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.Sandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The test's own view of "the other side": plain HTTP calls to the sandbox's QuickBooks and
 * Salesforce APIs, sharing no code with LedgerBridge's connectors, so a connector bug cannot hide.
 */
final class SandboxApis {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private final Sandbox sandbox;
  private String quickBooksToken;
  private String salesforceToken;

  SandboxApis(Sandbox sandbox) {
    this.sandbox = sandbox;
  }

  /** Every Salesforce Account linked to a QuickBooks record, by SOQL with nextRecordsUrl paging. */
  List<JsonNode> salesforceAccounts() {
    List<JsonNode> accounts = new ArrayList<>();
    String next =
        "/services/data/" + Sandbox.SALESFORCE_API_VERSION + "/query?q="
            + URLEncoder.encode(
                "SELECT Id, Name, QBO_Id__c, SystemModstamp FROM Account WHERE QBO_Id__c != null ORDER BY QBO_Id__c", StandardCharsets.UTF_8);
    while (next != null) {
      JsonNode page = send(HttpRequest.newBuilder(URI.create(sandbox.salesforceUrl() + next))
          .header("Authorization", "Bearer " + salesforceToken()).GET().build());
      page.get("records").forEach(accounts::add);
      next = page.path("done").asBoolean() ? null : page.get("nextRecordsUrl").asText();
    }
    return accounts;
  }

  /** Every customer of the demo company, as QuickBooks' query API returns them. */
  List<JsonNode> quickBooksCustomers() {
    List<JsonNode> customers = new ArrayList<>();
    for (int start = 1; ; start += 1000) {
      JsonNode page = qbo("GET", "/query?query=" + URLEncoder.encode(
          "SELECT * FROM Customer STARTPOSITION " + start + " MAXRESULTS 1000", StandardCharsets.UTF_8), null);
      JsonNode rows = page.path("QueryResponse").path("Customer");
      rows.forEach(customers::add);
      if (rows.size() < 1000) {
        return customers;
      }
    }
  }

  /** Renames a QuickBooks customer with a sparse update carrying its current SyncToken. */
  JsonNode renameCustomer(String id, String newName) {
    JsonNode current = qbo("GET", "/customer/" + id, null).get("Customer");
    ObjectNode update = JSON.createObjectNode();
    update.put("Id", id);
    update.put("SyncToken", current.get("SyncToken").asText());
    update.put("sparse", true);
    update.put("DisplayName", newName);
    return qbo("POST", "/customer", update.toString()).get("Customer");
  }

  private JsonNode qbo(String method, String pathInCompany, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(
                sandbox.quickBooksUrl() + "/v3/company/" + Sandbox.DEMO_REALM_ID + pathInCompany
                    + (pathInCompany.contains("?") ? "&" : "?") + "minorversion=75"))
            .header("Authorization", "Bearer " + quickBooksToken())
            .header("Accept", "application/json");
    if (body == null) {
      request.GET();
    } else {
      request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return send(request.build());
  }

  /** The authorization-code flow, as a browser and an app would do it against Intuit. */
  private String quickBooksToken() {
    if (quickBooksToken == null) {
      String redirect = "http://localhost/test-callback";
      HttpResponse<String> consent = raw(HttpRequest.newBuilder(URI.create(
              sandbox.quickBooksUrl() + "/connect/oauth2?response_type=code&scope=com.intuit.quickbooks.accounting"
                  + "&state=test&client_id=" + Sandbox.QBO_CLIENT_ID + "&redirect_uri="
                  + URLEncoder.encode(redirect, StandardCharsets.UTF_8)))
          .GET().build());
      String location = consent.headers().firstValue("Location").orElseThrow();
      String code = queryParameter(location, "code");
      String basic = Base64.getEncoder().encodeToString(
          (Sandbox.QBO_CLIENT_ID + ":" + Sandbox.QBO_CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
      JsonNode token = send(HttpRequest.newBuilder(URI.create(sandbox.quickBooksUrl() + "/oauth2/v1/tokens/bearer"))
          .header("Authorization", "Basic " + basic)
          .header("Content-Type", "application/x-www-form-urlencoded")
          .header("Accept", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=" + code
              + "&redirect_uri=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8)))
          .build());
      quickBooksToken = token.get("access_token").asText();
    }
    return quickBooksToken;
  }

  private String salesforceToken() {
    if (salesforceToken == null) {
      JsonNode token = send(HttpRequest.newBuilder(URI.create(sandbox.salesforceUrl() + "/services/oauth2/token"))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id="
              + Sandbox.SALESFORCE_CLIENT_ID + "&client_secret=" + Sandbox.SALESFORCE_CLIENT_SECRET))
          .build());
      salesforceToken = token.get("access_token").asText();
    }
    return salesforceToken;
  }

  private static String queryParameter(String url, String name) {
    for (String pair : URI.create(url).getRawQuery().split("&")) {
      String[] parts = pair.split("=", 2);
      if (parts[0].equals(name)) {
        return URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
      }
    }
    throw new IllegalStateException(name + " missing from " + url);
  }

  private JsonNode send(HttpRequest request) {
    HttpResponse<String> response = raw(request);
    if (response.statusCode() >= 300) {
      throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": " + response.body());
    }
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private HttpResponse<String> raw(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
