package io.ledgerbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.http.Filter;
import io.ledgerbridge.sandbox.http.Handler;
import io.ledgerbridge.sandbox.http.Json;
import io.ledgerbridge.sandbox.http.Request;
import io.ledgerbridge.sandbox.http.Response;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The sandbox's own admin API under {@code /__sandbox/}, on each simulator's port and acting on that
 * simulator only; it needs no token. It sits outside the simulated API, so no real service has it:
 * <ul>
 *   <li>{@code GET|PUT|DELETE /__sandbox/faults}: read, set or clear fault injection; body
 *       {@code {"rates":{"500":0.1,"503":0,"429":0,"401":0,"timeout":0,"drop":0},"latencyMillis":0,"timeoutMillis":30000,
 *       "retryAfterSeconds":1,"pathPrefix":""}}</li>
 *   <li>{@code POST /__sandbox/revoke-tokens}: invalidate every token</li>
 *   <li>{@code GET|DELETE /__sandbox/counters}: calls per endpoint and per status, and (QuickBooks) Intuit's metered
 *       classes per company and month, or reset them</li>
 *   <li>{@code POST /__sandbox/reset}: seeded data again, counters zeroed, faults cleared</li>
 *   <li>QBO port: {@code GET|PUT|DELETE /__sandbox/webhooks}; body
 *       {@code {"url":"...","verifierToken":"...","format":"legacy|cloudevents"}}</li>
 *   <li>QBO port: {@code PUT /__sandbox/company-settings}, a company's country, home currency, multi-currency and
 *       automated sales tax; Salesforce port: {@code PUT /__sandbox/currencies}, the org's currencies
 *       ({@link CurrencyAndTaxAdmin})</li>
 *   <li>Salesforce port: {@code GET|PUT|DELETE /__sandbox/outbound-messages}; body
 *       {@code {"url":"...","object":"Account","fields":["Id","Name"]}} (PUT adds or replaces one object's)</li>
 * </ul>
 */
final class AdminEndpoints implements Filter {
  static final String PREFIX = "/__sandbox";

  private final FaultInjectionFilter faults;
  private final AtomicReference<SimulatorControl> control = new AtomicReference<>();
  /** API-specific admin calls, keyed "METHOD action" (e.g. "PUT webhooks"). */
  private final Map<String, Handler> extraActions = new java.util.concurrent.ConcurrentHashMap<>();

  AdminEndpoints(FaultInjectionFilter faults) {
    this.faults = faults;
  }

  /** Connects the simulator once it has started (the filter is built before it). */
  void bind(SimulatorControl simulator) {
    control.set(simulator);
  }

  /** Adds an admin call of one API, e.g. {@code "PUT", "webhooks"}. */
  void register(String method, String action, Handler handler) {
    extraActions.put(method + " " + action, handler);
  }

  @Override
  public Response apply(Request request, Handler next) {
    if (!request.path().startsWith(PREFIX + "/")) {
      return next.handle(request);
    }
    String action = request.path().substring(PREFIX.length() + 1);
    if (control.get() == null) {
      return Response.json(503, error("the sandbox is still starting"));
    }
    try {
      Handler extra = extraActions.get(request.method() + " " + action);
      if (extra != null) {
        return extra.handle(request);
      }
      return switch (request.method() + " " + action) {
        case "GET faults" -> Response.json(200, toJson(faults.current()));
        case "PUT faults", "POST faults" -> {
          faults.set(fromJson(Json.parse(request.body())));
          yield Response.json(200, toJson(faults.current()));
        }
        case "DELETE faults" -> {
          faults.set(FaultInjection.none());
          yield Response.empty(204);
        }
        case "POST revoke-tokens" -> {
          control.get().revokeAllTokens();
          yield Response.empty(204);
        }
        case "GET counters" -> Response.json(200, counters(control.get().callCounts()));
        case "DELETE counters" -> {
          control.get().resetCallCounts();
          yield Response.empty(204);
        }
        case "POST reset" -> {
          control.get().reset();
          control.get().resetCallCounts();
          faults.set(FaultInjection.none());
          yield Response.empty(204);
        }
        default -> Response.json(404, error("unknown admin call " + request.method() + " " + request.path()));
      };
    } catch (IllegalArgumentException | Json.MalformedJsonException e) {
      return Response.json(400, error(e.getMessage()));
    }
  }

  static ObjectNode toJson(FaultInjection injection) {
    ObjectNode node = Json.object();
    ObjectNode rates = node.putObject("rates");
    for (FaultKind kind : FaultKind.values()) {
      rates.put(kind.alias(), injection.rates().getOrDefault(kind, 0.0));
    }
    node.put("latencyMillis", injection.latency().toMillis());
    node.put("timeoutMillis", injection.timeout().toMillis());
    node.put("retryAfterSeconds", injection.retryAfter().toSeconds());
    node.put("pathPrefix", injection.pathPrefix());
    return node;
  }

  static FaultInjection fromJson(JsonNode node) {
    Map<FaultKind, Double> rates = new EnumMap<>(FaultKind.class);
    JsonNode ratesNode = node.path("rates");
    for (Iterator<Map.Entry<String, JsonNode>> it = ratesNode.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (!entry.getValue().isNumber()) {
        throw new IllegalArgumentException("rate of " + entry.getKey() + " must be a number");
      }
      rates.put(FaultKind.parse(entry.getKey()), entry.getValue().asDouble());
    }
    FaultInjection defaults = FaultInjection.none();
    return new FaultInjection(rates, Duration.ofMillis(node.path("latencyMillis").asLong(0)),
        Duration.ofMillis(node.path("timeoutMillis").asLong(defaults.timeout().toMillis())),
        Duration.ofSeconds(node.path("retryAfterSeconds").asLong(defaults.retryAfter().toSeconds())),
        node.path("pathPrefix").asText(""));
  }

  private static ObjectNode counters(Map<String, Long> counts) {
    ObjectNode body = Json.object();
    ObjectNode calls = body.putObject("calls");
    ObjectNode statuses = body.putObject("statuses");
    ObjectNode metered = body.putObject("metered");
    long total = 0;
    for (Map.Entry<String, Long> entry : new java.util.TreeMap<>(counts).entrySet()) {
      if (entry.getKey().startsWith("status ")) {
        statuses.put(entry.getKey().substring(7), entry.getValue());
      } else if (entry.getKey().startsWith("class ")) {
        metered.put(entry.getKey().substring(6), entry.getValue());
      } else {
        calls.put(entry.getKey(), entry.getValue());
        total += entry.getValue();
      }
    }
    body.put("total", total);
    return body;
  }

  static ObjectNode error(String message) {
    ObjectNode body = Json.object();
    body.put("error", message);
    return body;
  }
}
