package io.ledgerbridge.worker.notifications;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerbridge.activities.runs.ObjectDetails;
import io.ledgerbridge.activities.runs.RunListener;
import io.ledgerbridge.activities.runs.RunReport;
import io.ledgerbridge.activities.salesforce.SalesforceSettings;
import io.ledgerbridge.activities.store.ConnectedSystem;
import io.ledgerbridge.activities.store.ConnectionListener;
import io.ledgerbridge.activities.store.ConnectionStore;
import io.ledgerbridge.worker.config.LedgerBridgeProperties;
import io.ledgerbridge.worker.config.QuickBooksOAuthPaths;
import io.ledgerbridge.worker.config.SalesforceOAuthPaths;
import io.ledgerbridge.worker.reconcile.Reconciliation;
import io.ledgerbridge.worker.reconcile.ReconciliationListener;
import io.ledgerbridge.workflows.reconcile.ObjectReconciliation;
import io.ledgerbridge.workflows.runs.RunStatus;
import io.ledgerbridge.workflows.sync.FailureType;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Sends a signed JSON webhook when a run fails (or partly fails), the company's open errors rose
 * since the job's previous run, a reconciliation found records that differ, or a company's connection
 * came to need re-authorization. Deliveries run on their own thread with retries and
 * backoff, so a slow or dead receiver never holds up a sync; at most {@link #MAX_QUEUED} wait.
 *
 * <p>Each POST carries {@code Content-Type: application/json} and the headers of {@link
 * WebhookSignature}: the event, a delivery id (the same on every retry of one delivery, so a
 * receiver can drop repeats), the timestamp and the signature.
 */
@Component
class WebhookNotifier implements RunListener, ReconciliationListener, ConnectionListener, DisposableBean {
  static final int MAX_QUEUED = 1000;
  private static final String AUTH = FailureType.AUTH.name();
  private static final Logger log = LoggerFactory.getLogger(WebhookNotifier.class);
  private static final MediaType JSON = MediaType.get("application/json");

  private final NotificationProperties settings;
  private final ObjectMapper json;
  private final String publicUrl;
  private final OkHttpClient http;
  private final Clock clock;
  private final ScheduledExecutorService sender;
  private final AtomicInteger queued = new AtomicInteger();
  /** Whether a QuickBooks company (by realmId), or the Salesforce org its runs sync with, needs re-authorization now. */
  private final Predicate<String> needsReauthorization;

  @Autowired
  WebhookNotifier(NotificationProperties settings, ObjectMapper json, LedgerBridgeProperties app, OkHttpClient http,
      ConnectionStore connections, SalesforceSettings salesforce) {
    this(settings, json, app.publicUrl(), http, Clock.systemUTC(),
        realmId -> connections.reauthorization(ConnectedSystem.QUICKBOOKS, realmId).isPresent()
            || connections.reauthorization(ConnectedSystem.SALESFORCE, salesforce.accountId()).isPresent());
  }

  WebhookNotifier(NotificationProperties settings, ObjectMapper json, String publicUrl, OkHttpClient http, Clock clock,
      Predicate<String> needsReauthorization) {
    this.settings = settings;
    this.needsReauthorization = needsReauthorization;
    this.json = json;
    this.publicUrl = publicUrl;
    this.http = http.newBuilder().callTimeout(settings.timeout()).followRedirects(false).build();
    this.clock = clock;
    this.sender =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "ledgerbridge-webhook");
              thread.setDaemon(true);
              return thread;
            });
    if (settings.enabled()) {
      log.info("Webhook notifications on: {}", settings);
    }
  }

  @Override
  public void runFinished(FinishedRun run) {
    if (!settings.enabled()) {
      return;
    }
    for (NotificationEvent event : eventsOf(run)) {
      if (settings.events().contains(event)) {
        enqueue(delivery(event, run));
      }
    }
  }

  private List<NotificationEvent> eventsOf(FinishedRun run) {
    List<NotificationEvent> events = new ArrayList<>();
    if (run.report().status() == RunStatus.FAILED) {
      if (!failedForWantOfReauthorization(run)) {
        events.add(NotificationEvent.RUN_FAILED);
      }
    } else if (run.report().status() == RunStatus.PARTLY_FAILED) {
      events.add(NotificationEvent.RUN_PARTLY_FAILED);
    }
    if (run.errorsRose()) {
      events.add(NotificationEvent.ERRORS_RISING);
    }
    return events;
  }

  /**
   * Whether the run failed only because its company needs re-authorization while that alert is sent: the
   * one CONNECTION_NEEDS_REAUTHORIZATION says it, rather than a RUN_FAILED for every run until the reconnect.
   */
  private boolean failedForWantOfReauthorization(FinishedRun run) {
    return settings.events().contains(NotificationEvent.CONNECTION_NEEDS_REAUTHORIZATION)
        && !run.details().objects().isEmpty()
        && run.details().objects().stream().allMatch(o -> o.failureType() == null || AUTH.equals(o.failureType()))
        && run.details().objects().stream().anyMatch(o -> AUTH.equals(o.failureType()))
        && needsReauthorization.test(run.report().companyId());
  }

  @Override
  public void reconciliationFinished(Reconciliation reconciliation) {
    NotificationEvent event = NotificationEvent.RECONCILIATION_DIFFERENCES;
    if (!settings.enabled() || !settings.events().contains(event) || reconciliation.differences() == 0) {
      return;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    String id = reconciliation.id() + ":" + event.name();
    body.put("id", id);
    body.put("event", event.name());
    body.put("occurredAt", reconciliation.finishedAt() != null ? reconciliation.finishedAt() : clock.instant());
    Map<String, Object> found = new LinkedHashMap<>();
    found.put("id", reconciliation.id());
    found.put("companyId", reconciliation.companyId());
    found.put("status", reconciliation.status());
    found.put("scheduled", reconciliation.scheduled());
    found.put("repair", reconciliation.repair());
    found.put("differences", reconciliation.differences());
    found.put("startedAt", reconciliation.startedAt());
    found.put("finishedAt", reconciliation.finishedAt());
    List<Map<String, Object>> objects = new ArrayList<>();
    for (ObjectReconciliation o : reconciliation.objects()) {
      Map<String, Object> object = new LinkedHashMap<>();
      object.put("object", o.object());
      object.put("salesforceObject", o.salesforceObject());
      object.put("counts", o.counts());
      object.put("differingFields", o.differingFields());
      object.put("error", o.error());
      objects.add(object);
    }
    found.put("objects", objects);
    body.put("reconciliation", found);
    body.put("links", Map.of("reconciliation", publicUrl + "/api/reconciliations/" + reconciliation.id()));
    enqueue(new Delivery(id, event, bytes(body)));
  }

  @Override
  public void needsReauthorization(ConnectedSystem system, String accountId, String reason, Instant since) {
    NotificationEvent event = NotificationEvent.CONNECTION_NEEDS_REAUTHORIZATION;
    if (!settings.enabled() || !settings.events().contains(event)) {
      return;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    // One refusal, one id: a receiver can drop repeats of it, and the next refusal after a reconnect is new.
    String id = system + ":" + accountId + ":" + since + ":" + event.name();
    body.put("id", id);
    body.put("event", event.name());
    body.put("occurredAt", since);
    Map<String, Object> connection = new LinkedHashMap<>();
    connection.put("system", system);
    connection.put("accountId", accountId);
    connection.put("state", "NEEDS_REAUTHORIZATION");
    connection.put("reason", reason);
    connection.put("since", since);
    body.put("connection", connection);
    Map<String, Object> links = new LinkedHashMap<>();
    links.put("connections", publicUrl + "/api/connections");
    links.put("reconnect", system == ConnectedSystem.QUICKBOOKS
        ? publicUrl + QuickBooksOAuthPaths.RECONNECT + "?realmId=" + accountId
        : publicUrl + SalesforceOAuthPaths.CONNECT);
    body.put("links", links);
    enqueue(new Delivery(id, event, bytes(body)));
  }

  private byte[] bytes(Map<String, Object> body) {
    try {
      return json.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the webhook body", e);
    }
  }

  private Delivery delivery(NotificationEvent event, FinishedRun finished) {
    RunReport run = finished.report();
    Map<String, Object> body = new LinkedHashMap<>();
    String id = run.runId() + ":" + event.name();
    body.put("id", id);
    body.put("event", event.name());
    body.put("occurredAt", run.finishedAt() != null ? run.finishedAt() : clock.instant());
    Map<String, Object> runJson = new LinkedHashMap<>();
    runJson.put("runId", run.runId());
    runJson.put("jobId", run.jobId());
    runJson.put("jobName", run.jobName());
    runJson.put("companyId", run.companyId());
    runJson.put("direction", run.direction());
    runJson.put("status", run.status());
    runJson.put("cause", run.cause());
    runJson.put("startedAt", run.startedAt());
    runJson.put("finishedAt", run.finishedAt());
    List<Map<String, Object>> objects = new ArrayList<>();
    for (var o : run.objectReports()) {
      Map<String, Object> object = new LinkedHashMap<>();
      object.put("object", o.object());
      object.put("status", o.status());
      object.put("read", o.counts().read());
      object.put("created", o.counts().created());
      object.put("updated", o.counts().updated());
      object.put("unchanged", o.counts().unchanged());
      object.put("deferred", o.counts().deferred());
      object.put("failed", o.counts().failed());
      finished.details().objects().stream()
          .filter(d -> d.object().equals(o.object()))
          .findFirst()
          .ifPresent(
              (ObjectDetails d) -> {
                object.put("conflicts", d.conflicts());
                object.put("failureType", d.failureType());
              });
      object.put("error", o.error());
      objects.add(object);
    }
    runJson.put("objects", objects);
    body.put("run", runJson);
    Map<String, Object> errors = new LinkedHashMap<>();
    errors.put("open", finished.openErrors());
    errors.put("openAfterPreviousRun", finished.previousOpenErrors());
    body.put("errors", errors);
    Map<String, Object> links = new LinkedHashMap<>();
    links.put("run", publicUrl + "/api/runs/" + run.runId());
    links.put("errors", publicUrl + "/api/errors?companyId=" + run.companyId());
    body.put("links", links);
    return new Delivery(id, event, bytes(body));
  }

  private void enqueue(Delivery delivery) {
    if (queued.incrementAndGet() > MAX_QUEUED) {
      queued.decrementAndGet();
      log.warn("Webhook {} dropped: {} deliveries are already waiting for the receiver", delivery.id(), MAX_QUEUED);
      return;
    }
    try {
      sender.execute(() -> attempt(delivery, 1));
    } catch (RejectedExecutionException shuttingDown) {
      queued.decrementAndGet();
    }
  }

  private void attempt(Delivery delivery, int attempt) {
    String outcome;
    boolean retryable;
    long timestamp = clock.instant().getEpochSecond();
    Request request =
        new Request.Builder()
            .url(settings.webhookUrl().trim())
            .header(WebhookSignature.EVENT_HEADER, delivery.event().name())
            .header(WebhookSignature.DELIVERY_HEADER, delivery.id())
            .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
            .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(settings.secret(), timestamp, delivery.body()))
            .header("User-Agent", "LedgerBridge-Webhook")
            .post(RequestBody.create(delivery.body(), JSON))
            .build();
    try (Response response = http.newCall(request).execute()) {
      if (response.isSuccessful()) {
        queued.decrementAndGet();
        log.info("Webhook {} delivered to {} (attempt {})", delivery.id(), host(), attempt);
        return;
      }
      int code = response.code();
      outcome = "HTTP " + code;
      retryable = code >= 500 || code == 408 || code == 429;
    } catch (IOException | RuntimeException e) {
      outcome = e.getClass().getSimpleName();
      retryable = true;
    }
    if (retryable && attempt < settings.maxAttempts()) {
      Duration wait = settings.firstRetryDelay().multipliedBy(1L << Math.min(attempt - 1, 16));
      log.info("Webhook {} to {} failed ({}); attempt {} in {}", delivery.id(), host(), outcome, attempt + 1, wait);
      try {
        sender.schedule(() -> attempt(delivery, attempt + 1), wait.toMillis(), TimeUnit.MILLISECONDS);
        return;
      } catch (RejectedExecutionException shuttingDown) {
        // fall through: given up
      }
    }
    queued.decrementAndGet();
    log.warn("Webhook {} to {} given up after {} attempt(s): {}", delivery.id(), host(), attempt, outcome);
  }

  /** The receiver's host only: a URL's path or query may hold a token. */
  private String host() {
    return URI.create(settings.webhookUrl().trim()).getHost();
  }

  @Override
  public void destroy() {
    sender.shutdown();
    try {
      sender.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sender.shutdownNow();
  }

  private record Delivery(String id, NotificationEvent event, byte[] body) {}

  /** For tests: deliveries waiting or in flight. */
  int pending() {
    return queued.get();
  }
}
