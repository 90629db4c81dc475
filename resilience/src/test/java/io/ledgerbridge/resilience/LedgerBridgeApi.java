package io.ledgerbridge.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** LedgerBridge's REST API as an admin uses it, with the admin token from the data directory. */
final class LedgerBridgeApi {
  private final String baseUrl;
  private final String token;

  LedgerBridgeApi(LedgerBridgeProcess worker) {
    this.baseUrl = worker.baseUrl();
    this.token = worker.adminToken();
  }

  /**
   * Connects the sandbox QuickBooks company as an admin's browser does: the API's link, the consent page
   * (the sandbox approves at once), then Intuit's redirect back to LedgerBridge's callback.
   */
  void connectQuickBooks() {
    String link = call("POST", "/api/connections/quickbooks/authorizations", null).path("authorizationUrl").asText();
    Http.Reply consent = Http.get(link);
    String callback = consent.header("Location");
    if (consent.status() != 302 || callback == null) {
      throw new IllegalStateException("the sandbox did not approve the connection: HTTP " + consent.status());
    }
    Http.Reply connected = Http.get(callback);
    if (connected.status() != 303) {
      throw new IllegalStateException("LedgerBridge's OAuth callback answered " + connected.status() + ": "
          + connected.abbreviated());
    }
  }

  /** Creates and schedules a job; returns its id. */
  String createJob(String name, String direction, List<String> objects, String cron) {
    Map<String, Object> job = new LinkedHashMap<>();
    job.put("name", name);
    job.put("companyId", QuickBooksSandbox.REALM_ID);
    job.put("direction", direction);
    job.put("objects", objects);
    job.put("schedule", Map.of("cron", cron));
    return call("POST", "/api/jobs", job).path("id").asText();
  }

  /** Starts one run now, outside the schedule; returns its run id. */
  String runNow(String jobId) {
    return call("POST", "/api/jobs/" + jobId + "/run", null).path("runId").asText();
  }

  List<JsonNode> jobs() {
    return list(call("GET", "/api/jobs", null));
  }

  /** The job's runs, newest first. */
  List<JsonNode> runs(String jobId) {
    return list(call("GET", "/api/runs?limit=200&jobId=" + jobId, null));
  }

  /** Every open record error (one per record: the newest), all pages. */
  List<JsonNode> openErrors() {
    List<JsonNode> errors = new ArrayList<>();
    for (int page = 0; ; page++) {
      JsonNode body = call("GET", "/api/errors?status=OPEN&size=200&page=" + page, null);
      body.path("items").forEach(errors::add);
      if (body.path("items").size() < 200) {
        return errors;
      }
    }
  }

  /** Runs LedgerBridge's own reconciliation of the sandbox company and waits for its result. */
  JsonNode reconcile(Duration timeout) {
    String id = call("POST", "/api/reconciliations", Map.of("companyId", QuickBooksSandbox.REALM_ID)).path("id").asText();
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      JsonNode reconciliation = call("GET", "/api/reconciliations/" + id, null);
      if (!reconciliation.path("status").asText().equals("RUNNING")) {
        return reconciliation;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("reconciliation " + id + " still running after " + timeout);
      }
      Waiting.pause(Duration.ofSeconds(2));
    }
  }

  private JsonNode call(String method, String path, Object body) {
    Http.Reply reply = Http.json(method, baseUrl + path, body, "Authorization", "Bearer " + token);
    if (!reply.ok()) {
      throw new IllegalStateException(method + " " + path + ": HTTP " + reply.status() + " " + reply.abbreviated());
    }
    return reply.json();
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> items = new ArrayList<>();
    array.forEach(items::add);
    return items;
  }
}
