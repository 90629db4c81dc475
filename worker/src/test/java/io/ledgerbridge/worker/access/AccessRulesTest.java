package io.ledgerbridge.worker.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.worker.ApplicationTestSupport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every route the application serves, for every role: the routes come from Spring's own handler
 * mapping, so a route added without a rule here fails {@link #everyRouteHasARuleHere}, and every
 * {@code /api} route is called with a VIEWER, an OPERATOR and an ADMIN token: refused with 403,
 * naming the role needed and the caller's, exactly when the role is below the rule.
 */
class AccessRulesTest extends ApplicationTestSupport {
  /** What a route needs: a role, nothing (signing in), or its own credential (not a LedgerBridge role). */
  enum Rule { VIEWER, OPERATOR, ADMIN, SIGN_IN, OWN_CREDENTIAL }

  /** The whole table, as the README's "People, roles and tokens" states it. */
  static final Map<String, Rule> RULES = new TreeMap<>(Map.ofEntries(
      Map.entry("GET /api/catalog", Rule.VIEWER),
      Map.entry("POST /api/schedules/preview", Rule.VIEWER),
      Map.entry("GET /api/jobs", Rule.VIEWER),
      Map.entry("GET /api/jobs/{id}", Rule.VIEWER),
      Map.entry("POST /api/jobs", Rule.ADMIN),
      Map.entry("PUT /api/jobs/{id}", Rule.ADMIN),
      Map.entry("DELETE /api/jobs/{id}", Rule.ADMIN),
      Map.entry("POST /api/jobs/{id}/pause", Rule.OPERATOR),
      Map.entry("POST /api/jobs/{id}/resume", Rule.OPERATOR),
      Map.entry("POST /api/jobs/{id}/run", Rule.OPERATOR),
      Map.entry("GET /api/runs", Rule.VIEWER),
      Map.entry("GET /api/runs/{runId}", Rule.VIEWER),
      Map.entry("GET /api/errors", Rule.VIEWER),
      Map.entry("GET /api/errors/history", Rule.VIEWER),
      Map.entry("GET /api/errors/{id}", Rule.VIEWER),
      Map.entry("POST /api/errors/{id}/retry", Rule.OPERATOR),
      Map.entry("POST /api/errors/{id}/dismiss", Rule.OPERATOR),
      Map.entry("POST /api/errors/retry", Rule.OPERATOR),
      Map.entry("POST /api/errors/dismiss", Rule.OPERATOR),
      Map.entry("GET /api/status", Rule.VIEWER),
      Map.entry("POST /api/reconciliations", Rule.OPERATOR),
      Map.entry("GET /api/reconciliations/latest", Rule.VIEWER),
      Map.entry("GET /api/reconciliations/{id}", Rule.VIEWER),
      Map.entry("GET /api/audit", Rule.VIEWER),
      Map.entry("POST /api/connections/quickbooks/authorizations", Rule.ADMIN),
      Map.entry("GET /api/connections/quickbooks/{realmId}", Rule.VIEWER),
      Map.entry("GET /api/connections", Rule.VIEWER),
      Map.entry("DELETE /api/connections/quickbooks/{realmId}", Rule.ADMIN),
      Map.entry("DELETE /api/connections/salesforce", Rule.ADMIN),
      Map.entry("POST /api/connections/salesforce/authorizations", Rule.ADMIN),
      Map.entry("GET /api/connections/salesforce/check", Rule.VIEWER),
      Map.entry("GET /api/tokens", Rule.ADMIN),
      Map.entry("POST /api/tokens", Rule.ADMIN),
      Map.entry("DELETE /api/tokens/{id}", Rule.ADMIN),
      Map.entry("GET /api/people", Rule.ADMIN),
      Map.entry("POST /api/people", Rule.ADMIN),
      Map.entry("PUT /api/people/{id}", Rule.ADMIN),
      Map.entry("POST /api/people/{id}/disable", Rule.ADMIN),
      Map.entry("POST /api/session", Rule.SIGN_IN),
      Map.entry("GET /api/session/methods", Rule.SIGN_IN),
      Map.entry("GET /api/session/oidc", Rule.SIGN_IN),
      Map.entry("GET /api/session/oidc/callback", Rule.SIGN_IN),
      Map.entry("GET /api/session", Rule.VIEWER),
      Map.entry("DELETE /api/session", Rule.VIEWER),
      // Signed by Intuit or Salesforce, or authenticated by the OAuth state: no LedgerBridge credential.
      Map.entry("POST /webhooks/quickbooks", Rule.OWN_CREDENTIAL),
      Map.entry("POST /webhooks/salesforce", Rule.OWN_CREDENTIAL),
      Map.entry("POST /webhooks/salesforce/outbound-messages", Rule.OWN_CREDENTIAL),
      Map.entry("GET /oauth/quickbooks/callback", Rule.OWN_CREDENTIAL),
      Map.entry("GET /connect/salesforce/callback", Rule.OWN_CREDENTIAL),
      // A browser opens it from QuickBooks without a LedgerBridge credential; the admin page it leads to signs in.
      Map.entry("GET /connect/quickbooks/reconnect", Rule.OWN_CREDENTIAL),
      // The same for the Salesforce org: the admin page it leads to asks for the connect link as an admin.
      Map.entry("GET /connect/salesforce", Rule.OWN_CREDENTIAL)));

  /**
   * Bodies that make an allowed call change nothing (an unknown company, no such record), so
   * calling every route leaves the shared application as it was.
   */
  private static final Map<String, String> HARMLESS_BODIES = Map.of(
      "POST /api/errors/retry", "{\"companyId\":\"no-such-company\"}",
      "POST /api/errors/dismiss", "{\"companyId\":\"no-such-company\"}",
      "POST /api/reconciliations", "{\"companyId\":\"no-such-company\"}");

  /** An answer's status, and its body when JSON. */
  private record Answer(int status, JsonNode body) {}

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping handlerMappings;

  private final Map<Role, String> tokens = new EnumMap<>(Role.class);

  @BeforeEach
  void oneTokenPerRole() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    for (Role role : Role.values()) {
      ApiResponse created = call("POST", "/api/tokens",
          "{\"name\":\"rules-" + role + "-" + run + "\",\"role\":\"" + role + "\",\"expiresInDays\":1}");
      assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
      tokens.put(role, created.body().get("secret").asText());
    }
  }

  /** The routes of our controllers and of springdoc, as "METHOD /path". */
  private List<String> servedRoutes() {
    List<String> routes = new ArrayList<>();
    handlerMappings.getHandlerMethods().forEach((mapping, handler) -> {
      if (handler.getBeanType().getPackageName().startsWith("io.ledgerbridge.")) {
        routes.addAll(routes(mapping));
      }
    });
    return routes;
  }

  private static List<String> routes(RequestMappingInfo mapping) {
    List<String> routes = new ArrayList<>();
    mapping.getPatternValues().forEach(path -> mapping.getMethodsCondition().getMethods()
        .forEach(method -> routes.add(method.name() + " " + path)));
    return routes;
  }

  @Test
  void everyRouteHasARuleHere() {
    assertThat(new TreeSet<>(servedRoutes()))
        .as("a route without a rule in RULES (add it, with the role it needs), or a rule for a route that is gone")
        .isEqualTo(RULES.keySet());
  }

  @Test
  void everyApiRouteRefusesExactlyTheRolesBelowItsRule() throws IOException, InterruptedException {
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, Rule> entry : RULES.entrySet()) {
      String route = entry.getKey();
      Rule rule = entry.getValue();
      for (Role role : Role.values()) {
        Answer answer = callAs(role, route);
        boolean refused = answer.status() == 403;
        boolean shouldRefuse = switch (rule) {
          case VIEWER, OPERATOR, ADMIN -> !role.includes(Role.valueOf(rule.name()));
          case SIGN_IN, OWN_CREDENTIAL -> false;
        };
        if (refused != shouldRefuse || answer.status() == 401 && rule != Rule.OWN_CREDENTIAL) {
          wrong.add(route + " as " + role + ": " + answer.status() + " " + answer.body());
        } else if (refused) {
          String message = answer.body().get("message").asText();
          if (!answer.body().get("error").asText().equals("forbidden")
              || !message.contains("needs the " + rule + " role") || !message.contains("has the " + role + " role")) {
            wrong.add(route + " as " + role + ": the refusal does not name both roles: " + answer.body());
          }
        }
      }
    }
    assertThat(wrong).as("routes answering against their rule").isEmpty();
  }

  @Test
  void everyApiRouteButSignInNeedsACredential() throws IOException, InterruptedException {
    List<String> open = new ArrayList<>();
    for (Map.Entry<String, Rule> entry : RULES.entrySet()) {
      if (entry.getKey().contains(" /api/") && entry.getValue() != Rule.SIGN_IN) {
        Answer answer = callAs(null, entry.getKey());
        if (answer.status() != 401) {
          open.add(entry.getKey() + ": " + answer.status());
        }
      }
    }
    assertThat(open).as("routes answering a request without a credential").isEmpty();
  }

  @Test
  void aRefusalNamesTheRoleNeededAndTheCallersAndIsAudited() {
    Instant since = Instant.now();
    ApiResponse refused = call("POST", "/api/jobs/demo-customers/pause", null, "Bearer " + tokens.get(Role.VIEWER));

    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.body().get("status").asInt()).isEqualTo(403);
    assertThat(refused.body().get("message").asText())
        .startsWith("POST /api/jobs/demo-customers/pause needs the OPERATOR role; ")
        .contains("(API token) has the VIEWER role");
    JsonNode events = call("GET", "/api/audit?action=JOB_PAUSED&from=" + since, null).body().get("events");
    assertThat(events).hasSize(1);
    assertThat(events.get(0).get("outcome").asText()).isEqualTo("REFUSED");
    assertThat(events.get(0).get("httpStatus").asInt()).isEqualTo(403);
    assertThat(events.get(0).get("actor").get("kind").asText()).isEqualTo("API_TOKEN");
    assertThat(events.get(0).get("actor").get("name").asText()).startsWith("rules-VIEWER-");
  }

  @Test
  void theBootstrapTokenIsAnAdmin() {
    JsonNode session = call("GET", "/api/session", null).body();

    assertThat(session.get("role").asText()).isEqualTo("ADMIN");
    assertThat(session.get("actor").get("label").asText()).isEqualTo("admin (bootstrap token)");
    assertThat(session.has("csrfToken")).as("a bearer token needs no CSRF token").isFalse();
  }

  /**
   * The route called with the role's token (none for a null role); a body that is not JSON (an outbound message's
   * SOAP fault) as null.
   */
  private Answer callAs(Role role, String route) throws IOException, InterruptedException {
    String[] parts = route.split(" ", 2);
    String path = parts[1].replaceAll("\\{[^}]+}", "999999999");
    String body = parts[0].equals("GET") || parts[0].equals("DELETE") ? null : HARMLESS_BODIES.getOrDefault(route, "{}");
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .method(parts[0], body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json");
    if (role != null) {
      request.header("Authorization", "Bearer " + tokens.get(role));
    }
    HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    boolean json = response.headers().firstValue("Content-Type").orElse("").startsWith("application/json");
    return new Answer(response.statusCode(), json && !response.body().isEmpty() ? JSON.readTree(response.body()) : null);
  }
}
