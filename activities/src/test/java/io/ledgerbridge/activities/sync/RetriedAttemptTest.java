package io.ledgerbridge.activities.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.activities.locks.ObjectLockActivitiesImpl;
import io.ledgerbridge.activities.locks.ObjectLockStore;
import io.ledgerbridge.activities.mapping.Mappings;
import io.ledgerbridge.activities.quickbooks.QuickBooksClient;
import io.ledgerbridge.activities.quickbooks.QuickBooksSettings;
import io.ledgerbridge.activities.runs.RunReport;
import io.ledgerbridge.activities.runs.RunReportActivitiesImpl;
import io.ledgerbridge.activities.runs.RunStore;
import io.ledgerbridge.activities.salesforce.SalesforceClient;
import io.ledgerbridge.activities.salesforce.SalesforceSettings;
import io.ledgerbridge.activities.store.RecordErrorStore;
import io.ledgerbridge.activities.store.RecordLink;
import io.ledgerbridge.activities.testing.SandboxFixture;
import io.ledgerbridge.activities.testing.TestRetries;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.sandbox.SandboxOptions;
import io.ledgerbridge.workflows.batch.BatchSync;
import io.ledgerbridge.workflows.batch.BatchSyncInput;
import io.ledgerbridge.workflows.batch.BatchSyncWorkflow;
import io.ledgerbridge.workflows.batch.BatchSyncWorkflowImpl;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.runs.ObjectRunReport;
import io.ledgerbridge.workflows.runs.RunStatus;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import io.ledgerbridge.activities.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A sync attempt that dies after writing part of a page, retried by Temporal as in production: the
 * retry starts at the last checkpoint, says what happened to each record once (created stays
 * created), and does not take its own earlier writes for someone else's change.
 */
class RetriedAttemptTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Three slices of 200 and fewer: the retry must redo the second one only. */
  private static final int CUSTOMERS = 450;

  private SandboxFixture fx;
  private TestWorkflowEnvironment env;
  /**
   * Set once an Account collection write is answered: saving its finished links then fails (those it
   * notes as unfinished before are saved), and the attempt dies between the two.
   */
  private final AtomicBoolean linksFail = new AtomicBoolean();
  /** Whether saving the links did fail. */
  private final AtomicBoolean attemptDied = new AtomicBoolean();
  /** Which Account collection writes count: the sync's upserts unless a test says otherwise. */
  private Predicate<Request> accountWrite =
      request -> request.method().equals("PATCH") && request.url().toString().contains("/composite/sobjects/Account/");
  /** Account collection writes seen; the links of this one fail to save. */
  private final AtomicInteger accountWrites = new AtomicInteger();
  private final AtomicInteger accountWritesBeforeFailure = new AtomicInteger(2);
  /** The SOQL of each Account query the sync's changes read starts with. */
  private final List<String> accountChangeQueries = new CopyOnWriteArrayList<>();
  /** From how many records a sync upserts in Salesforce bulk jobs. */
  private int bulkThreshold = SyncOptions.DEFAULT_SALESFORCE_BULK_THRESHOLD;
  /** Set to cut the attempt off at its first look at a bulk job, once Salesforce has processed the job. */
  private final AtomicBoolean cutOffInBulkJob = new AtomicBoolean();

  @AfterEach
  void stop() {
    if (env != null) {
      env.close();
    }
    if (fx != null) {
      fx.close();
    }
  }

  private String start(int customers, Mappings mappings) {
    return start(SandboxOptions.defaults().withSeedCustomers(customers), mappings);
  }

  private String start(SandboxOptions options, Mappings mappings) {
    fx = new SandboxFixture(options.withoutQboRateLimits());
    OkHttpClient http = fx.http.newBuilder().addInterceptor(chain -> {
      String soql = chain.request().url().queryParameter("q");
      if (soql != null && soql.startsWith("SELECT") && soql.contains("FROM Account") && soql.endsWith("ORDER BY SystemModstamp, Id")) {
        accountChangeQueries.add(soql);
      }
      if (chain.request().method().equals("GET") && chain.request().url().encodedPath().matches(".*/jobs/ingest/[^/]+")
          && cutOffInBulkJob.compareAndSet(true, false)) {
        chain.proceed(chain.request()).close();
        attemptDied.set(true);
        throw new java.io.IOException("the worker died while Salesforce processed its bulk job");
      }
      if (accountWrite.test(chain.request()) && accountWrites.incrementAndGet() == accountWritesBeforeFailure.get()) {
        Response written = chain.proceed(chain.request());
        linksFail.set(true);
        return written;
      }
      return chain.proceed(chain.request());
    }).build();
    String realmId = fx.connect(fx.quickBooks());
    QuickBooksClient qbo = new QuickBooksClient(http, QuickBooksSettings.at(fx.sandbox.quickBooksUrl(),
        Sandbox.QBO_CLIENT_ID, Sandbox.QBO_CLIENT_SECRET, SandboxFixture.REDIRECT_URI), fx.connections, fx.limits, TestRetries.none());
    SalesforceClient salesforce = new SalesforceClient(http, new SalesforceSettings(fx.sandbox.salesforceUrl(),
        Sandbox.SALESFORCE_CLIENT_ID, Sandbox.SALESFORCE_CLIENT_SECRET, Sandbox.SALESFORCE_API_VERSION), TestRetries.none());

    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(BatchSync.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(BatchSyncWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new SyncActivitiesImpl(qbo, salesforce, SyncStores.on(failingLinkSaves()), mappings,
            new SyncOptions(Clock.systemUTC(), 1000, SalesforceClient.MAX_QUERY_PAGE_SIZE, false, bulkThreshold)),
        new RunReportActivitiesImpl(new RunStore(fx.jdbc)),
        new ObjectLockActivitiesImpl(new ObjectLockStore(fx.jdbc)));
    env.start();
    return realmId;
  }

  /** The test's database, but saving finished record links fails once {@link #linksFail} is set, as a database outage would. */
  private JdbcTemplate failingLinkSaves() {
    return new JdbcTemplate(fx.jdbc.getDataSource()) {
      @Override
      public int[] batchUpdate(String sql, List<Object[]> batchArgs) {
        boolean finished = batchArgs.stream().noneMatch(args -> RecordLink.UNFINISHED.equals(args[2]));
        if (sql.startsWith("UPDATE record_link") && finished && linksFail.compareAndSet(true, false)) {
          attemptDied.set(true);
          throw new DataAccessResourceFailureException("the database went away");
        }
        return super.batchUpdate(sql, batchArgs);
      }
    };
  }

  private ObjectRunReport runCustomers(String realmId) {
    return runCustomers(realmId, SyncDirection.QBO_TO_SALESFORCE);
  }

  private ObjectRunReport runCustomers(String realmId, SyncDirection direction) {
    BatchSyncWorkflow workflow = env.getWorkflowClient().newWorkflowStub(BatchSyncWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(BatchSync.TASK_QUEUE).setWorkflowId("retried-" + UUID.randomUUID()).build());
    String runId = workflow.run(new BatchSyncInput("retried", "Retried attempt", realmId, direction,
        List.of("Customer"), null, null)).runId();
    RunReport report = new RunStore(fx.jdbc).find(runId).orElseThrow();
    assertThat(report.status()).as("%s", report).isEqualTo(RunStatus.SUCCEEDED);
    return report.objectReports().get(0);
  }

  @Test
  void aFirstSyncWhoseAttemptDiedMidPageCountsEveryRecordCreatedOnce() {
    String realmId = start(CUSTOMERS, Mappings.defaults());

    ObjectRunReport customers = runCustomers(realmId);

    assertThat(attemptDied).as("the first attempt did fail after its second write").isTrue();
    assertThat(accountWrites.get()).as("the retry redid only the slice it died in, not the first")
        .isEqualTo(3 + 1);
    assertThat(customers.counts().created()).isEqualTo(CUSTOMERS);
    assertThat(customers.counts().updated()).isZero();
    assertThat(customers.counts().read()).isEqualTo(CUSTOMERS);
    assertThat(fx.salesforce().queryAll("SELECT Id FROM Account WHERE QBO_Id__c != null")).hasSize(CUSTOMERS);
  }

  @Test
  void aFirstSyncWhoseAttemptDiedWhileSalesforceProcessedItsBulkJobCountsTheRecordsThatJobCreatedAsCreated() {
    bulkThreshold = 500;
    int customers = 600;
    String realmId = start(customers, Mappings.defaults());
    cutOffInBulkJob.set(true);

    ObjectRunReport first = runCustomers(realmId);

    assertThat(attemptDied).as("the first attempt was cut off in its bulk job").isTrue();
    assertThat(first.counts().created()).as("made by the first attempt's job, upserted again by the retry: %s", first)
        .isEqualTo(customers);
    assertThat(first.counts().updated() + first.counts().unchanged() + first.counts().failed()).as("%s", first).isZero();
    assertThat(fx.salesforce().queryAll("SELECT Id FROM Account WHERE QBO_Id__c != null")).hasSize(customers);
  }

  @Test
  void aRetryMeetingItsOwnEarlierWriteTakesItForNoConflict() {
    int customers = 30;
    String realmId = start(customers, Mappings.withOverride("""
        mappings:
          - object: Customer
            salesforceObject: Account
            conflictPolicy: HOLD
        """, "hold.yaml"));
    accountWritesBeforeFailure.set(Integer.MAX_VALUE);
    runCustomers(realmId);
    // Only QuickBooks changes: every customer renamed. Salesforce changes only by the sync's own writes.
    QuickBooksClient people = fx.quickBooks();
    for (ObjectNode customer : people.queryAll(realmId, "Customer", "")) {
      people.save(realmId, "Customer", JSON.createObjectNode().put("Id", customer.get("Id").asText())
          .put("SyncToken", customer.get("SyncToken").asText()).put("sparse", true)
          .put("DisplayName", customer.get("DisplayName").asText() + " (renamed)"), null);
    }
    accountWrites.set(0);
    accountWritesBeforeFailure.set(1);

    ObjectRunReport renamed = runCustomers(realmId);

    assertThat(attemptDied).as("the attempt did fail after its write").isTrue();
    assertThat(accountWrites.get()).as("written, then written again by the retry").isEqualTo(2);
    assertThat(renamed.counts().updated()).isEqualTo(customers);
    assertThat(renamed.counts().failed()).as("no conflict held for a person: both versions were the sync's own").isZero();
    assertThat(new RecordErrorStore(fx.jdbc).countOpen(null)).isZero();
  }

  @Test
  void aSalesforceToQuickBooksAttemptThatDiedMidPageResumesRightAfterItsCheckpointAmongAccountsOfOneInstant() {
    int accounts = 1_000;
    int perWrite = QuickBooksSide.RECORDS_PER_WRITE;
    MutableClock clock = new MutableClock(Instant.now().minus(Duration.ofHours(1)));
    String realmId = start(SandboxOptions.defaults().withSeedCustomers(0).withClock(clock), Mappings.defaults());
    fx.salesforce().createAll("Account", IntStream.rangeClosed(1, accounts)
        .mapToObj(i -> JSON.createObjectNode().put("Name", "Paged Account " + i)).toList());
    List<String> inQueryOrder = fx.salesforce().queryAll("SELECT Id FROM Account ORDER BY SystemModstamp, Id").stream()
        .map(account -> account.get("Id").asText())
        .toList();
    // Past Salesforce's answers (the simulator's Date header is this machine's time, not its clock's), so the keys
    // written back are stamped after the bound a retried attempt reads up to, as they would be in Salesforce.
    clock.set(Instant.now().plus(Duration.ofHours(1)));
    // The keys written back, a collection per 200: the first write (600 Accounts) gives them back in three, and the
    // attempt dies giving back the second write's, once its first collection is answered.
    accountWrite = request -> request.method().equals("PATCH") && request.url().encodedPath().endsWith("/composite/sobjects");
    accountWritesBeforeFailure.set(perWrite / SalesforceClient.MAX_COLLECTION_SIZE + 1);

    ObjectRunReport customers = runCustomers(realmId, SyncDirection.SALESFORCE_TO_QBO);

    assertThat(attemptDied).as("the first attempt did fail giving back the second write's keys").isTrue();
    assertThat(accountChangeQueries).as("one query page per attempt").hasSize(2);
    assertThat(accountChangeQueries.get(1)).as("the retry starts right after the first write, all of one instant")
        .contains("AND Id > '" + inQueryOrder.get(perWrite - 1) + "'");
    QuickBooksClient quickBooks = fx.quickBooks();
    assertThat(quickBooks.queryAll(realmId, "Customer", "")).extracting(c -> c.get("DisplayName").asText())
        .as("each Account once in QuickBooks").doesNotHaveDuplicates().hasSize(accounts);
    // The second write's keys, given back before the attempt died, moved its Accounts past the sync's upper bound:
    // the retry does not read them again, and counts them from the links the first attempt saved after its checkpoint.
    assertThat(customers.counts().created()).as("every Account created once: %s", customers).isEqualTo(accounts);
    assertThat(customers.counts().read()).as("%s", customers).isEqualTo(accounts);
    assertThat(customers.counts().updated() + customers.counts().unchanged()).as("%s", customers).isZero();
    ObjectRunReport next = runCustomers(realmId, SyncDirection.SALESFORCE_TO_QBO);
    assertThat(next.counts().unchanged()).as("every Account found synced: %s", next).isEqualTo(accounts);
    assertThat(quickBooks.queryAll(realmId, "Customer", "")).hasSize(accounts);
    assertThat(fx.salesforce().queryAll("SELECT Id FROM Account WHERE QBO_Id__c = null")).isEmpty();
  }
}
