package io.ledgerbridge.worker.errors;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.ledgerbridge.activities.errors.CallRetries;
import io.ledgerbridge.activities.locks.ObjectLockActivitiesImpl;
import io.ledgerbridge.activities.locks.ObjectLockStore;
import io.ledgerbridge.activities.mapping.Mappings;
import io.ledgerbridge.activities.quickbooks.QuickBooksClient;
import io.ledgerbridge.activities.quickbooks.QuickBooksSettings;
import io.ledgerbridge.activities.runs.ObjectDetails;
import io.ledgerbridge.activities.runs.RunListener;
import io.ledgerbridge.activities.runs.RunReport;
import io.ledgerbridge.activities.runs.RunReportActivitiesImpl;
import io.ledgerbridge.activities.runs.RunStore;
import io.ledgerbridge.activities.salesforce.SalesforceClient;
import io.ledgerbridge.activities.salesforce.SalesforceSettings;
import io.ledgerbridge.activities.store.ConnectionStore;
import io.ledgerbridge.activities.store.RecordError;
import io.ledgerbridge.activities.store.RecordErrorStatus;
import io.ledgerbridge.activities.store.RecordErrorStore;
import io.ledgerbridge.activities.quickbooks.QuickBooksLimits;
import io.ledgerbridge.activities.quickbooks.QuickBooksMeter;
import io.ledgerbridge.activities.store.SecretCipher;
import io.ledgerbridge.activities.sync.SyncActivitiesImpl;
import io.ledgerbridge.activities.sync.SyncStores;
import io.ledgerbridge.sandbox.FaultInjection;
import io.ledgerbridge.sandbox.FaultKind;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.sandbox.SandboxApi;
import io.ledgerbridge.sandbox.SandboxOptions;
import io.ledgerbridge.workflows.batch.BatchSync;
import io.ledgerbridge.workflows.batch.BatchSyncWorkflowImpl;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.runs.RunStatus;
import io.ledgerbridge.workflows.sync.FailureType;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Every failure the sandbox can inject, through the real batch workflow, sync activities and run
 * reports, on Temporal's test server with time skipping (so Temporal's retry backoff costs no wall
 * time): a failure that outlasts the retries shows in the error list with its type and closes when
 * a later run succeeds; a passing one is retried and never shown.
 */
class FailureKindsTest {
  private static final String REDIRECT = "http://127.0.0.1/callback";
  private static Sandbox sandbox;

  private TestWorkflowEnvironment env;
  private JdbcTemplate jdbc;
  private String realmId;
  /** Once this many injected failures were answered, the test's network "recovers". */
  private final AtomicInteger failuresBeforeRecovery = new AtomicInteger(Integer.MAX_VALUE);

  @BeforeAll
  static void sandbox() {
    // The SDK logs every failed attempt with its stack trace, and these tests fail attempts on purpose.
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.temporal")).setLevel(Level.OFF);
    for (String noisy : List.of("io.grpc", "io.netty", "org.flywaydb", "io.ledgerbridge")) {
      ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(noisy)).setLevel(Level.WARN);
    }
    sandbox = Sandbox.start(SandboxOptions.defaults().withPorts(0, 0).withSeedCustomers(5));
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  @BeforeEach
  void application() {
    sandbox.reset();
    SingleConnectionDataSource ds =
        new SingleConnectionDataSource(
            "jdbc:h2:mem:failures_" + UUID.randomUUID().toString().replace("-", "")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            true);
    Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    jdbc = new JdbcTemplate(ds);
    OkHttpClient http =
        new OkHttpClient.Builder()
            .readTimeout(Duration.ofMillis(700))
            .callTimeout(Duration.ofSeconds(5))
            .addInterceptor(
                chain -> {
                  Response response;
                  try {
                    response = chain.proceed(chain.request());
                  } catch (IOException dropped) {
                    recoverAfterFailure();
                    throw dropped;
                  }
                  if (response.code() >= 400 && !chain.request().url().encodedPath().contains("oauth")) {
                    recoverAfterFailure();
                  }
                  return response;
                })
            .build();
    ConnectionStore connections = new ConnectionStore(jdbc, new SecretCipher(SecretCipher.newBase64Key()));
    // Each call is sent once, so a fault reaches Temporal's retries at once: the subject here is
    // what happens when a fault outlasts every retry.
    CallRetries sentOnce = new CallRetries(new CallRetries.Policy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO), waited -> { });
    QuickBooksClient qbo =
        new QuickBooksClient(http, QuickBooksSettings.at(sandbox.quickBooksUrl(), Sandbox.QBO_CLIENT_ID, Sandbox.QBO_CLIENT_SECRET, REDIRECT),
            connections, QuickBooksLimits.inDatabase(jdbc, QuickBooksMeter.BUILDER_TIER_READS), sentOnce);
    SalesforceClient salesforce =
        new SalesforceClient(
            http,
            new SalesforceSettings(sandbox.salesforceUrl(), Sandbox.SALESFORCE_CLIENT_ID, Sandbox.SALESFORCE_CLIENT_SECRET, Sandbox.SALESFORCE_API_VERSION),
            sentOnce);
    realmId = connect(qbo, http);

    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(BatchSync.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(BatchSyncWorkflowImpl.class);
    RunStore runs = new RunStore(jdbc);
    worker.registerActivitiesImplementations(
        new SyncActivitiesImpl(qbo, salesforce, SyncStores.on(jdbc), Mappings.defaults()),
        new RunReportActivitiesImpl(runs, new RecordErrorStore(jdbc), RunListener.NONE),
        new ObjectLockActivitiesImpl(new ObjectLockStore(jdbc)));
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
    sandbox.reset();
    sandbox.setSalesforceDailyApiLimit(1_000_000);
  }

  private void recoverAfterFailure() {
    if (failuresBeforeRecovery.decrementAndGet() == 0) {
      sandbox.injectFaults(SandboxApi.QUICKBOOKS, FaultInjection.none());
      sandbox.injectFaults(SandboxApi.SALESFORCE, FaultInjection.none());
    }
  }

  static Stream<Arguments> injectedFaults() {
    return Stream.of(
        Arguments.of(SandboxApi.QUICKBOOKS, FaultKind.SERVER_ERROR, FailureType.REMOTE_UNAVAILABLE),
        Arguments.of(SandboxApi.QUICKBOOKS, FaultKind.UNAVAILABLE, FailureType.REMOTE_UNAVAILABLE),
        Arguments.of(SandboxApi.QUICKBOOKS, FaultKind.THROTTLED, FailureType.RATE_LIMIT),
        Arguments.of(SandboxApi.QUICKBOOKS, FaultKind.TIMEOUT, FailureType.REMOTE_UNAVAILABLE),
        Arguments.of(SandboxApi.QUICKBOOKS, FaultKind.DROPPED_CONNECTION, FailureType.REMOTE_UNAVAILABLE),
        Arguments.of(SandboxApi.SALESFORCE, FaultKind.SERVER_ERROR, FailureType.REMOTE_UNAVAILABLE),
        Arguments.of(SandboxApi.SALESFORCE, FaultKind.UNAVAILABLE, FailureType.REMOTE_UNAVAILABLE),
        Arguments.of(SandboxApi.SALESFORCE, FaultKind.THROTTLED, FailureType.RATE_LIMIT),
        Arguments.of(SandboxApi.SALESFORCE, FaultKind.TIMEOUT, FailureType.REMOTE_UNAVAILABLE),
        Arguments.of(SandboxApi.SALESFORCE, FaultKind.DROPPED_CONNECTION, FailureType.REMOTE_UNAVAILABLE));
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @MethodSource("injectedFaults")
  void aFaultThatOutlastsTemporalsRetriesIsShownWithItsTypeAndALaterRunClosesIt(SandboxApi api, FaultKind kind, FailureType expected) {
    sandbox.injectFaults(api, FaultInjection.none().withRate(kind, 1.0).withTimeout(Duration.ofMillis(1500)));

    RunReport failed = run();

    assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
    assertThat(failed.objectReports().get(0).error()).startsWith(expected.name());
    assertThat(new RunStore(jdbc).details(failed.runId()).objects()).containsExactly(new ObjectDetails("Customer", 0, expected.name()));
    RecordError error = objectError().orElseThrow();
    assertThat(error.type()).isEqualTo(expected);
    assertThat(error.runId()).isEqualTo(failed.runId());

    sandbox.injectFaults(api, FaultInjection.none());
    RunReport next = run();

    assertThat(next.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(new RecordErrorStore(jdbc).find(error.id()).orElseThrow().status()).isEqualTo(RecordErrorStatus.RESOLVED);
  }

  @Test
  void revokedTokensAreAnAuthErrorThatIsNotRetried() {
    sandbox.revokeTokens();

    RunReport failed = run();

    assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
    assertThat(objectError().orElseThrow().type()).isEqualTo(FailureType.AUTH);
    assertThat(objectError().orElseThrow().message()).contains("reconnect");
  }

  @Test
  void anExhaustedSalesforceDailyLimitStopsTheRunInsteadOfRetryingIntoIt() {
    sandbox.setSalesforceDailyApiLimit(0);

    RunReport failed = run();

    // Salesforce's 403 REQUEST_LIMIT_EXCEEDED says 0 calls are left, which is below any reserve: the
    // retry sends nothing and the object fails with the reason.
    assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
    RecordError error = objectError().orElseThrow();
    assertThat(error.type()).isEqualTo(FailureType.API_RESERVE);
    assertThat(error.message()).contains("0 of 0 calls left").contains("LEDGERBRIDGE_SALESFORCE_API_RESERVE_PERCENT");
  }

  @Test
  void passingFailuresAreRetriedByTemporalAndNeverShownAsErrors() {
    failuresBeforeRecovery.set(2);
    sandbox.injectFaults(SandboxApi.QUICKBOOKS, FaultInjection.none().withRate(FaultKind.UNAVAILABLE, 1.0));

    RunReport run = run();

    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(run.objectReports().get(0).counts().created()).isEqualTo(5);
    assertThat(new RecordErrorStore(jdbc).countOpen(null)).isZero();
  }

  private Optional<RecordError> objectError() {
    return new RecordErrorStore(jdbc).findOpen(realmId, SyncObject.CUSTOMER, SyncDirection.QBO_TO_SALESFORCE, RecordErrorStore.WHOLE_OBJECT);
  }

  /** One run of a Customer job, started as the temporal CLI would, to its end. */
  private RunReport run() {
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("jobId", "failures");
    input.put("name", "Failure kinds");
    input.put("companyId", realmId);
    input.put("direction", SyncDirection.QBO_TO_SALESFORCE.name());
    input.put("objects", List.of("Customer"));
    WorkflowStub stub =
        env.getWorkflowClient()
            .newUntypedWorkflowStub(
                BatchSync.WORKFLOW_TYPE,
                WorkflowOptions.newBuilder()
                    .setWorkflowId("failures-" + UUID.randomUUID())
                    .setTaskQueue(BatchSync.TASK_QUEUE)
                    .build());
    String runId = stub.start(input).getRunId();
    stub.getResult(Map.class);
    return new RunStore(jdbc).find(runId).orElseThrow();
  }

  private static String connect(QuickBooksClient client, OkHttpClient http) {
    OkHttpClient browser = http.newBuilder().followRedirects(false).build();
    try (Response consent = browser.newCall(new Request.Builder().url(client.authorizationUrl("state")).build()).execute()) {
      HttpUrl callback = HttpUrl.get(consent.header("Location"));
      String realm = callback.queryParameter("realmId");
      client.completeAuthorization(callback.queryParameter("code"), realm);
      return realm;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
