package io.ledgerbridge.worker.demo;

import io.ledgerbridge.activities.store.CompanySyncState;
import io.ledgerbridge.sandbox.OutboundMessageSubscription;
import io.ledgerbridge.sandbox.QboWebhookSubscription;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.worker.catalog.ObjectCatalog;
import io.ledgerbridge.worker.connections.QuickBooksConnector;
import io.ledgerbridge.worker.jobs.JobRequest;
import io.ledgerbridge.worker.jobs.JobService;
import io.ledgerbridge.worker.security.Actor;
import io.ledgerbridge.worker.security.ActorKind;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.schedule.ScheduleSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;

/**
 * Makes the demo work with no clicks: connects the sandbox's QuickBooks company through the same
 * OAuth flow an admin's browser goes through (the sandbox approves at once), points the sandbox's
 * change notifications at this server, and schedules the demo job that copies customers to
 * Salesforce every minute (and, through the notifications, as soon as they change).
 */
class DemoSetup {
  static final String DEMO_JOB_NAME = "demo-customers";
  private static final Logger log = LoggerFactory.getLogger(DemoSetup.class);

  private final Sandbox sandbox;
  private final boolean sendNotifications;
  private final QuickBooksConnector connector;
  private final JobService jobs;
  private final ObjectCatalog catalog;
  private final CompanySyncState syncState;
  private final OkHttpClient browser;

  DemoSetup(Sandbox sandbox, boolean sendNotifications, QuickBooksConnector connector, JobService jobs,
      ObjectCatalog catalog, CompanySyncState syncState, OkHttpClient http) {
    this.sandbox = sandbox;
    this.sendNotifications = sendNotifications;
    this.connector = connector;
    this.jobs = jobs;
    this.catalog = catalog;
    this.syncState = syncState;
    this.browser = http.newBuilder().followRedirects(false).build();
  }

  @EventListener(ApplicationReadyEvent.class)
  void prepare(ApplicationReadyEvent ready) {
    // The sandbox starts afresh with every start: it knows none of the tokens stored before, and
    // none of the records the stored cursors and links describe.
    syncState.forget(Sandbox.DEMO_REALM_ID);
    connectDemoCompany();
    if (sendNotifications) {
      int port = ((WebServerApplicationContext) ready.getApplicationContext()).getWebServer().getPort();
      subscribeToChanges("http://127.0.0.1:" + port);
    }
    if (jobs.findByName(DEMO_JOB_NAME).isEmpty()) {
      jobs.create(
          new JobRequest(
              DEMO_JOB_NAME,
              Sandbox.DEMO_REALM_ID,
              SyncDirection.QBO_TO_SALESFORCE,
              List.of(SyncObject.CUSTOMER.displayName()),
              ScheduleSpec.ofCron("* * * * *"),
              false));
      log.info("Demo job '{}' scheduled: QuickBooks customers to Salesforce accounts every minute", DEMO_JOB_NAME);
    }
  }

  /** What an admin sets up in Intuit's developer portal and in Salesforce, pointed at this server. */
  private void subscribeToChanges(String baseUrl) {
    sandbox.subscribeQboWebhooks(
        new QboWebhookSubscription(baseUrl + "/webhooks/quickbooks", Sandbox.QBO_WEBHOOK_VERIFIER_TOKEN, true));
    String outboundUrl = baseUrl + "/webhooks/salesforce/outbound-messages?token=" + Sandbox.SALESFORCE_NOTIFICATION_TOKEN;
    for (String type : catalog.salesforceObjectsSyncedToQuickBooks()) {
      sandbox.subscribeOutboundMessages(new OutboundMessageSubscription(outboundUrl, type, List.of("Name")));
    }
    log.info("Demo sandbox sends its changes to {}/webhooks/...: changes sync in real time for active jobs", baseUrl);
  }

  /** The demo company is connected by LedgerBridge itself, at start, not through the API. */
  private static final Actor DEMO_SETUP = new Actor(ActorKind.SYSTEM, "demo setup");

  private void connectDemoCompany() {
    String authorizationUrl = connector.beginAuthorization(DEMO_SETUP);
    try (Response consent = browser.newCall(new Request.Builder().url(authorizationUrl).build()).execute()) {
      String location = consent.header("Location");
      if (!consent.isRedirect() || location == null) {
        throw new IllegalStateException("the sandbox did not approve the demo connection: HTTP " + consent.code());
      }
      HttpUrl callback = HttpUrl.get(location);
      connector.completeAuthorization(
          callback.queryParameter("code"), callback.queryParameter("state"), callback.queryParameter("realmId"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach the sandbox to connect the demo company", e);
    }
  }
}
