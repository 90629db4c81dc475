package io.ledgerbridge.worker.notifications;

import io.ledgerbridge.workflows.sync.RecordCounts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpServer;
import io.ledgerbridge.activities.runs.ObjectDetails;
import io.ledgerbridge.activities.runs.RunDetails;
import io.ledgerbridge.activities.runs.RunListener.FinishedRun;
import io.ledgerbridge.activities.runs.RunReport;
import io.ledgerbridge.activities.store.ConnectedSystem;
import io.ledgerbridge.worker.reconcile.Reconciliation;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.reconcile.ClassCounts;
import io.ledgerbridge.workflows.reconcile.ObjectReconciliation;
import io.ledgerbridge.workflows.reconcile.ReconcileStatus;
import io.ledgerbridge.workflows.runs.ObjectRunReport;
import io.ledgerbridge.workflows.runs.RunStatus;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The outgoing webhook: which runs notify, the signed body, retries, and never holding up a run. */
class WebhookNotifierTest {
  private static final String SECRET = "shared-secret";
  private static final Instant T0 = Instant.parse("2026-11-26T03:00:00Z");
  /** The companies that need re-authorization, as the notifier asks. */
  private static final Set<String> NEEDS_REAUTHORIZATION = Set.of("9130");
  private static final ObjectMapper JSON =
      new ObjectMapper().registerModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private record Received(Map<String, String> headers, byte[] body) {}

  private HttpServer server;
  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private final AtomicInteger failFirst = new AtomicInteger();
  private volatile CountDownLatch hold = new CountDownLatch(0);
  private WebhookNotifier notifier;

  @BeforeEach
  void receiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/hook",
        exchange -> {
          try {
            hold.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          byte[] body = exchange.getRequestBody().readAllBytes();
          int status = failFirst.getAndDecrement() > 0 ? 503 : 204;
          if (status == 204) {
            received.add(
                new Received(
                    Map.of(
                        "event", exchange.getRequestHeaders().getFirst(WebhookSignature.EVENT_HEADER),
                        "delivery", exchange.getRequestHeaders().getFirst(WebhookSignature.DELIVERY_HEADER),
                        "timestamp", exchange.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP_HEADER),
                        "signature", exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER)),
                    body));
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    hold.countDown();
    if (notifier != null) {
      notifier.destroy();
    }
    server.stop(0);
  }

  private WebhookNotifier notifier(Set<NotificationEvent> events) {
    NotificationProperties settings =
        new NotificationProperties(
            "http://127.0.0.1:" + server.getAddress().getPort() + "/hook", SECRET, events, 4, Duration.ofMillis(50), Duration.ofSeconds(5));
    notifier = new WebhookNotifier(settings, JSON, "http://lb.example", new OkHttpClient(), Clock.systemUTC(),
        NEEDS_REAUTHORIZATION::contains);
    return notifier;
  }

  private static FinishedRun run(RunStatus status, int openErrors, Integer previous) {
    RunReport report =
        new RunReport(
            "run-1", "nightly", "ledgerbridge-job-nightly", "Nightly", "9130", "QBO_TO_SALESFORCE", List.of("Customer"),
            status, status == RunStatus.SUCCEEDED ? null : "Customer: AUTH: reconnect", T0, T0.plusSeconds(9),
            List.of(new ObjectRunReport("Customer", status, new RecordCounts(0,0,0,0,0,0), "AUTH: reconnect", T0, T0.plusSeconds(9), null)));
    RunDetails details = new RunDetails(List.of(new ObjectDetails("Customer", 0, "AUTH")), Map.of("QUICKBOOKS", 3L), openErrors);
    return new FinishedRun(report, details, openErrors, previous);
  }

  @Test
  void aFailedRunIsPostedAsSignedJsonThatTheReceiverCanVerify() throws Exception {
    notifier(Set.of(NotificationEvent.RUN_FAILED)).runFinished(run(RunStatus.FAILED, 1, 1));

    Received delivery = received.poll(10, TimeUnit.SECONDS);
    assertThat(delivery).isNotNull();
    assertThat(delivery.headers()).containsEntry("event", "RUN_FAILED").containsEntry("delivery", "run-1:RUN_FAILED");
    long timestamp = Long.parseLong(delivery.headers().get("timestamp"));
    assertThat(WebhookSignature.verify(SECRET, timestamp, delivery.body(), delivery.headers().get("signature"))).isTrue();
    assertThat(WebhookSignature.verify("other-secret", timestamp, delivery.body(), delivery.headers().get("signature"))).isFalse();
    JsonNode body = JSON.readTree(delivery.body());
    assertThat(body.path("event").asText()).isEqualTo("RUN_FAILED");
    assertThat(body.path("run").path("status").asText()).isEqualTo("FAILED");
    assertThat(body.path("run").path("objects").get(0).path("failureType").asText()).isEqualTo("AUTH");
    assertThat(body.path("links").path("run").asText()).isEqualTo("http://lb.example/api/runs/run-1");
    assertThat(body.toString()).doesNotContain(SECRET);
  }

  @Test
  void risingErrorsNotifyAndASucceededRunWithSteadyErrorsDoesNot() throws Exception {
    WebhookNotifier webhook = notifier(Set.of(NotificationEvent.RUN_FAILED, NotificationEvent.ERRORS_RISING));
    webhook.runFinished(run(RunStatus.SUCCEEDED, 4, 4));
    webhook.runFinished(run(RunStatus.PARTLY_FAILED, 6, 4));

    Received delivery = received.poll(10, TimeUnit.SECONDS);
    assertThat(delivery).isNotNull();
    assertThat(delivery.headers()).containsEntry("event", "ERRORS_RISING");
    JsonNode errors = JSON.readTree(delivery.body()).path("errors");
    assertThat(errors.path("open").asInt()).isEqualTo(6);
    assertThat(errors.path("openAfterPreviousRun").asInt()).isEqualTo(4);
    assertThat(received.poll(300, TimeUnit.MILLISECONDS)).as("PARTLY_FAILED is not subscribed, the steady run not due").isNull();
  }

  @Test
  void aReceiverThatFailsIsRetriedWithTheSameDeliveryId() throws Exception {
    failFirst.set(2);
    notifier(Set.of(NotificationEvent.RUN_FAILED)).runFinished(run(RunStatus.FAILED, 1, null));

    Received delivery = received.poll(10, TimeUnit.SECONDS);
    assertThat(delivery).as("delivered on the third attempt").isNotNull();
    assertThat(delivery.headers()).containsEntry("delivery", "run-1:RUN_FAILED");
    assertThat(failFirst.get()).isNegative();
  }

  @Test
  void aSlowReceiverNeverHoldsUpTheRunThatNotifies() {
    hold = new CountDownLatch(1);
    WebhookNotifier webhook = notifier(Set.of(NotificationEvent.RUN_FAILED));

    long start = System.nanoTime();
    webhook.runFinished(run(RunStatus.FAILED, 1, null));
    webhook.runFinished(run(RunStatus.FAILED, 1, null));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
    assertThat(webhook.pending()).isEqualTo(2);
  }

  private static Reconciliation reconciliation(String id, ClassCounts counts) {
    List<ObjectReconciliation> objects = List.of(new ObjectReconciliation(SyncObject.CUSTOMER, "Account",
        List.of(SyncDirection.QBO_TO_SALESFORCE), counts, counts.linkedDifferent() == 0 ? Map.of() : Map.of("Phone", 1),
        List.of(), 0, 1, 1, 40, null));
    return new Reconciliation(id, "9130", "ledgerbridge-reconcile-9130", true, false, List.of(),
        ReconcileStatus.of(objects), ReconcileStatus.differences(objects), T0, T0.plusSeconds(2), objects, null);
  }

  @Test
  void aReconciliationThatFindsDifferencesIsPostedAndACleanOneIsNot() throws Exception {
    WebhookNotifier webhook = notifier(Set.of(NotificationEvent.RECONCILIATION_DIFFERENCES));
    webhook.reconciliationFinished(reconciliation("clean", new ClassCounts(60, 0, 0, 0, 0, 2)));
    webhook.reconciliationFinished(reconciliation("r-7", new ClassCounts(57, 1, 2, 0, 0, 0)));

    Received delivery = received.poll(10, TimeUnit.SECONDS);
    assertThat(delivery).isNotNull();
    assertThat(delivery.headers()).containsEntry("event", "RECONCILIATION_DIFFERENCES")
        .containsEntry("delivery", "r-7:RECONCILIATION_DIFFERENCES");
    JsonNode body = JSON.readTree(delivery.body());
    assertThat(body.path("reconciliation").path("differences").asInt()).isEqualTo(3);
    assertThat(body.path("reconciliation").path("status").asText()).isEqualTo("DIFFERENCES");
    JsonNode customer = body.path("reconciliation").path("objects").get(0);
    assertThat(customer.path("counts").path("onlyInQuickBooks").asInt()).isEqualTo(2);
    assertThat(customer.path("differingFields").path("Phone").asInt()).isEqualTo(1);
    assertThat(body.path("links").path("reconciliation").asText()).isEqualTo("http://lb.example/api/reconciliations/r-7");
    assertThat(received.poll(300, TimeUnit.MILLISECONDS)).as("open errors alone are no difference").isNull();
  }

  @Test
  void aCompanyThatNeedsReauthorizationIsPostedWithItsReasonAndWhereToReconnectIt() throws Exception {
    notifier(Set.of(NotificationEvent.CONNECTION_NEEDS_REAUTHORIZATION))
        .needsReauthorization(ConnectedSystem.QUICKBOOKS, "9130", "Intuit refused the refresh token (invalid_grant)", T0);

    Received delivery = received.poll(10, TimeUnit.SECONDS);
    assertThat(delivery).isNotNull();
    assertThat(delivery.headers()).containsEntry("event", "CONNECTION_NEEDS_REAUTHORIZATION")
        .containsEntry("delivery", "QUICKBOOKS:9130:" + T0 + ":CONNECTION_NEEDS_REAUTHORIZATION");
    JsonNode body = JSON.readTree(delivery.body());
    assertThat(body.path("connection").path("accountId").asText()).isEqualTo("9130");
    assertThat(body.path("connection").path("state").asText()).isEqualTo("NEEDS_REAUTHORIZATION");
    assertThat(body.path("connection").path("reason").asText()).contains("invalid_grant");
    assertThat(body.path("links").path("reconnect").asText())
        .isEqualTo("http://lb.example/connect/quickbooks/reconnect?realmId=9130");
    assertThat(body.path("links").path("connections").asText()).isEqualTo("http://lb.example/api/connections");
  }

  @Test
  void theSalesforceOrgNeedingReauthorizationLinksToItsConnectStep() throws Exception {
    notifier(Set.of(NotificationEvent.CONNECTION_NEEDS_REAUTHORIZATION)).needsReauthorization(ConnectedSystem.SALESFORCE,
        "login.salesforce.com", "Salesforce refused LedgerBridge's connected app (HTTP 400, invalid_grant)", T0);

    Received delivery = received.poll(10, TimeUnit.SECONDS);
    assertThat(delivery).isNotNull();
    JsonNode body = JSON.readTree(delivery.body());
    assertThat(body.path("connection").path("system").asText()).isEqualTo("SALESFORCE");
    assertThat(body.path("links").path("reconnect").asText()).isEqualTo("http://lb.example/connect/salesforce");
  }

  @Test
  void runsThatFailBecauseTheirCompanyNeedsReauthorizationAreNotPostedAgainWhileThatAlertIsOn() throws Exception {
    notifier(Set.of(NotificationEvent.RUN_FAILED, NotificationEvent.CONNECTION_NEEDS_REAUTHORIZATION))
        .runFinished(run(RunStatus.FAILED, 1, 1));

    assertThat(received.poll(300, TimeUnit.MILLISECONDS)).as("the one reauthorization alert says it").isNull();
  }

  @Test
  void withoutTheReauthorizationAlertSuchARunIsPostedAsFailed() throws Exception {
    notifier(Set.of(NotificationEvent.RUN_FAILED)).runFinished(run(RunStatus.FAILED, 1, 1));

    assertThat(received.poll(10, TimeUnit.SECONDS)).isNotNull();
  }

  @Test
  void aReauthorizationIsNotPostedWhenItsEventIsNotChosen() throws Exception {
    notifier(Set.of(NotificationEvent.RUN_FAILED)).needsReauthorization(ConnectedSystem.QUICKBOOKS, "9130", "refused", T0);

    assertThat(received.poll(300, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void aUrlWithoutASecretIsRefusedAtStart() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new NotificationProperties("https://hooks.example/x", " ", Set.of(), 3, Duration.ofSeconds(1), Duration.ofSeconds(1)))
        .hasMessageContaining("LEDGERBRIDGE_NOTIFICATIONS_SECRET");
    assertThat(new NotificationProperties("https://hooks.example/x?token=abc", "s3cret", Set.of(), 3, Duration.ofSeconds(1), Duration.ofSeconds(1)).toString())
        .doesNotContain("s3cret")
        .doesNotContain("token=abc");
  }
}
