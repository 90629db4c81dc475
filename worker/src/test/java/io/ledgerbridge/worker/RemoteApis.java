package io.ledgerbridge.worker;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * "The other side" for the end-to-end tests: plain HTTP calls to the sandbox's QuickBooks
 * (any company, by its realmId) and Salesforce wire APIs, sharing no code with LedgerBridge's
 * connectors, so a connector bug cannot hide.
 */
public final class RemoteApis {
  private static final int QBO_PAGE = 1000;
  public static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private final Sandbox sandbox;
  private final Map<String, String> quickBooksTokens = new HashMap<>();
  private String salesforceToken;

  public RemoteApis(Sandbox sandbox) {
    this.sandbox = sandbox;
  }

  // ---- QuickBooks ----

  /** Creates an entity in a company as a person in QuickBooks would; returns it as stored. */
  public JsonNode qboCreate(String realmId, String entity, String json) {
    return qbo(realmId, "POST", "/" + entity.toLowerCase(), json).get(entity);
  }

  public JsonNode qboRead(String realmId, String entity, String id) {
    return qbo(realmId, "GET", "/" + entity.toLowerCase() + "/" + id, null).get(entity);
  }

  /** Changes an entity with a sparse update carrying its current SyncToken; returns it as stored. */
  public JsonNode qboUpdate(String realmId, String entity, String json) {
    return qbo(realmId, "POST", "/" + entity.toLowerCase() + "?operation=update", json).get(entity);
  }

  /** Every record of an entity, inactive ones too, page by page. */
  public List<JsonNode> qboAll(String realmId, String entity) {
    String where = entity.equals("Customer") || entity.equals("Item") ? " WHERE Active IN (true, false)" : "";
    List<JsonNode> rows = new ArrayList<>();
    for (int start = 1; ; start += QBO_PAGE) {
      JsonNode page = qbo(realmId, "GET", "/query?query=" + URLEncoder.encode(
          "SELECT * FROM " + entity + where + " STARTPOSITION " + start + " MAXRESULTS " + QBO_PAGE,
          StandardCharsets.UTF_8), null);
      JsonNode found = page.path("QueryResponse").path(entity);
      found.forEach(rows::add);
      if (found.size() < QBO_PAGE) {
        return rows;
      }
    }
  }

  private JsonNode qbo(String realmId, String method, String pathInCompany, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(sandbox.quickBooksUrl() + "/v3/company/" + realmId + pathInCompany
                + (pathInCompany.contains("?") ? "&" : "?") + "minorversion=75"))
            .header("Authorization", "Bearer " + quickBooksToken(realmId))
            .header("Accept", "application/json");
    if (body == null) {
      request.GET();
    } else {
      request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    HttpRequest built = request.build();
    HttpResponse<String> response = raw(built);
    // A person's calls count against the company's 10 a second as the sync's do: a test setting up many records
    // waits out a throttle, as Intuit's clients do, instead of failing on it.
    while (response.statusCode() == 429) {
      sleep(Duration.ofSeconds(response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L)));
      response = raw(built);
    }
    return read(built, response);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The authorization-code flow for one company, as a browser and an app would do it against Intuit. */
  private String quickBooksToken(String realmId) {
    return quickBooksTokens.computeIfAbsent(realmId, realm -> {
      String redirect = "http://localhost/test-callback";
      HttpResponse<String> consent = raw(HttpRequest.newBuilder(URI.create(
              sandbox.quickBooksUrl() + "/connect/oauth2?response_type=code&scope=com.intuit.quickbooks.accounting"
                  + "&state=test&client_id=" + Sandbox.QBO_CLIENT_ID + "&realmId=" + realm + "&redirect_uri="
                  + URLEncoder.encode(redirect, StandardCharsets.UTF_8)))
          .GET().build());
      String code = queryParameter(consent.headers().firstValue("Location").orElseThrow(), "code");
      String basic = Base64.getEncoder().encodeToString(
          (Sandbox.QBO_CLIENT_ID + ":" + Sandbox.QBO_CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
      JsonNode token = send(HttpRequest.newBuilder(URI.create(sandbox.quickBooksUrl() + "/oauth2/v1/tokens/bearer"))
          .header("Authorization", "Basic " + basic)
          .header("Content-Type", "application/x-www-form-urlencoded")
          .header("Accept", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=" + code
              + "&redirect_uri=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8)))
          .build());
      return token.get("access_token").asText();
    });
  }

  // ---- Salesforce ----

  /** Every record of a SOQL query, following nextRecordsUrl. */
  public List<JsonNode> soql(String soql) {
    List<JsonNode> records = new ArrayList<>();
    String next = base() + "/query?q=" + URLEncoder.encode(soql, StandardCharsets.UTF_8);
    while (next != null) {
      JsonNode page = send(salesforce(next).GET().build());
      page.get("records").forEach(records::add);
      next = page.path("done").asBoolean() ? null : page.get("nextRecordsUrl").asText();
    }
    return records;
  }

  public String sfCreate(String type, String json) {
    return send(salesforce(base() + "/sobjects/" + type).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build()).get("id").asText();
  }

  public void sfUpdate(String type, String id, String json) {
    HttpResponse<String> response = raw(salesforce(base() + "/sobjects/" + type + "/" + id)
        .header("Content-Type", "application/json").method("PATCH", HttpRequest.BodyPublishers.ofString(json)).build());
    if (response.statusCode() >= 300) {
      throw new IllegalStateException("update " + type + " " + id + ": " + response.statusCode() + " " + response.body());
    }
  }

  public void sfDelete(String type, String id) {
    raw(salesforce(base() + "/sobjects/" + type + "/" + id).DELETE().build());
  }

  private String base() {
    return "/services/data/" + Sandbox.SALESFORCE_API_VERSION;
  }

  private HttpRequest.Builder salesforce(String path) {
    return HttpRequest.newBuilder(URI.create(sandbox.salesforceUrl() + path))
        .header("Authorization", "Bearer " + salesforceToken());
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

  // ---- HTTP ----

  public static String queryParameter(String url, String name) {
    for (String pair : URI.create(url).getRawQuery().split("&")) {
      String[] parts = pair.split("=", 2);
      if (parts[0].equals(name)) {
        return URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
      }
    }
    throw new IllegalStateException(name + " missing from " + url);
  }

  public HttpResponse<String> raw(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private JsonNode send(HttpRequest request) {
    return read(request, raw(request));
  }

  private static JsonNode read(HttpRequest request, HttpResponse<String> response) {
    if (response.statusCode() >= 300) {
      throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": " + response.body());
    }
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ObjectNode object() {
    return JSON.createObjectNode();
  }
}
