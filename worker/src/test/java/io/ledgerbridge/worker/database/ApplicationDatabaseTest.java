package io.ledgerbridge.worker.database;

import io.ledgerbridge.workflows.sync.RecordCounts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerbridge.activities.runs.RunReport;
import io.ledgerbridge.activities.runs.RunReportActivitiesImpl;
import io.ledgerbridge.activities.runs.RunStore;
import io.ledgerbridge.activities.runs.SyncStatusStore;
import io.ledgerbridge.activities.store.CursorStore;
import io.ledgerbridge.activities.store.DeferredRecordStore;
import io.ledgerbridge.activities.store.RecordErrorFilter;
import io.ledgerbridge.activities.store.RecordErrorStore;
import io.ledgerbridge.activities.store.RecordFailure;
import io.ledgerbridge.activities.store.RecordLink;
import io.ledgerbridge.activities.store.RecordLinkStore;
import io.ledgerbridge.worker.jobs.Job;
import io.ledgerbridge.worker.jobs.JobState;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.runs.ObjectRunReport;
import io.ledgerbridge.workflows.runs.RunFinished;
import io.ledgerbridge.workflows.runs.RunStarted;
import io.ledgerbridge.workflows.runs.RunStatus;
import io.ledgerbridge.workflows.schedule.CronSchedule;
import io.ledgerbridge.workflows.schedule.ScheduleSpec;
import io.ledgerbridge.workflows.sync.FailureType;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The application's Flyway migrations and its stores on both databases it supports: the embedded
 * H2 and PostgreSQL (its own throwaway database on 127.0.0.1:5432, dropped afterwards; skipped,
 * visibly, only when nothing answers there). No Spring context: Flyway and the stores directly.
 */
class ApplicationDatabaseTest {
  private static final String PG = "jdbc:postgresql://127.0.0.1:5432/";
  private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600);
  private static String createdDatabase;

  private static DataSource database(String kind) {
    if (kind.equals("h2")) {
      return new SingleConnectionDataSource(
          "jdbc:h2:mem:lbw_" + UUID.randomUUID().toString().replace("-", "")
              + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
          true);
    }
    assumeTrue(answers(), "PostgreSQL is not answering on 127.0.0.1:5432; the PostgreSQL variant is skipped");
    createdDatabase = "ledgerbridge_worker_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
    execute("CREATE DATABASE " + createdDatabase);
    return new SingleConnectionDataSource(PG + createdDatabase, "postgres", "", true);
  }

  @AfterAll
  static void dropDatabase() {
    if (createdDatabase != null) {
      execute("DROP DATABASE IF EXISTS " + createdDatabase + " WITH (FORCE)");
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"h2", "postgresql"})
  void migrationsApplyAndAJobItsRunAndItsErrorsRoundTrip(String kind) throws Exception {
    DataSource ds = database(kind);
    Flyway flyway = Flyway.configure().dataSource(ds).locations("classpath:db/migration").load();
    flyway.migrate();
    assertThat(flyway.info().applied()).extracting(MigrationInfo::getVersion).extracting(Object::toString).contains("1", "2");
    assertThat(flyway.info().pending()).isEmpty();
    JdbcTemplate jdbc = new JdbcTemplate(ds);

    JobRepositoryAccess jobs = new JobRepositoryAccess(jdbc);
    Job job =
        new Job("nightly", "Nightly customers", "9130", SyncDirection.QBO_TO_SALESFORCE, List.of("Customer", "Invoice"),
            ScheduleSpec.ofCron("0 3 * * *"), CronSchedule.compile(ScheduleSpec.ofCron("0 3 * * *")), false, JobState.ACTIVE,
            T0, T0);
    jobs.insert(job);
    Job read = jobs.find("nightly").orElseThrow();
    assertThat(read.objects()).containsExactly("Customer", "Invoice");
    assertThat(read.createdAt()).isEqualTo(T0);
    assertThat(read.schedule()).isEqualTo(job.schedule());

    RunStore runs = new RunStore(jdbc);
    RecordErrorStore errors = new RecordErrorStore(jdbc);
    RunReportActivitiesImpl reports = new RunReportActivitiesImpl(runs);
    reports.recordRunStarted(
        new RunStarted("run-1", "nightly", "ledgerbridge-job-nightly", "Nightly customers", "9130",
            SyncDirection.QBO_TO_SALESFORCE, List.of("Customer", "Invoice"), T0));
    errors.record(new RecordFailure("9130", SyncObject.CUSTOMER, SyncDirection.QBO_TO_SALESFORCE, "7",
        FailureType.VALIDATION, "STRING_TOO_LONG", "BillingCity: data value too large", "nightly", "run-1"));
    runs.addApiCalls("run-1", "QUICKBOOKS", 4);
    reports.recordRunFinished(
        new RunFinished("run-1", "nightly", RunStatus.PARTLY_FAILED,
            List.of(
                new ObjectRunReport("Customer", RunStatus.PARTLY_FAILED, new RecordCounts(3,2,0,0,0,1), "1 record(s) failed: 7", T0, T0.plusSeconds(4), null),
                new ObjectRunReport("Invoice", RunStatus.FAILED, new RecordCounts(0,0,0,0,0,0), "RATE_LIMIT: QuickBooks throttled", T0.plusSeconds(4), T0.plusSeconds(9), null)),
            T0.plusSeconds(10), "Invoice: RATE_LIMIT: QuickBooks throttled"));

    RunReport run = runs.find("run-1").orElseThrow();
    assertThat(run.status()).isEqualTo(RunStatus.PARTLY_FAILED);
    assertThat(run.finishedAt()).isEqualTo(T0.plusSeconds(10));
    assertThat(run.objectReports()).extracting(o -> o.counts().failed()).containsExactly(1, 0);
    assertThat(runs.details("run-1").apiCalls()).containsEntry("QUICKBOOKS", 4L);
    assertThat(runs.details("run-1").openErrors()).isEqualTo(2);
    assertThat(errors.countNewestPerRecord(RecordErrorFilter.open())).isEqualTo(2);
    assertThat(errors.newestPerRecord(new RecordErrorFilter(null, SyncObject.INVOICE, null, FailureType.RATE_LIMIT, null, null, null), 0, 5))
        .singleElement()
        .satisfies(e -> assertThat(e.sourceId()).isEqualTo(RecordErrorStore.WHOLE_OBJECT));

    new RecordLinkStore(jdbc).save(new RecordLink("9130", SyncObject.CUSTOMER, "5", "001000000000005AAA", "0", "h", SyncDirection.QBO_TO_SALESFORCE, T0));
    new RecordLinkStore(jdbc).save(new RecordLink("9130", SyncObject.CUSTOMER, "7", "001000000000007AAA", "0", "h", SyncDirection.QBO_TO_SALESFORCE, T0));
    new RecordLinkStore(jdbc).save(
        new RecordLink("9130", SyncObject.CUSTOMER, "7", "Contact", "003000000000007AAA", "0", "h", null, SyncDirection.QBO_TO_SALESFORCE, T0,
            null, false));
    new DeferredRecordStore(jdbc).defer("9130", SyncObject.INVOICE, SyncDirection.QBO_TO_SALESFORCE, "41", "Customer 7", "nightly", "run-1");
    new CursorStore(jdbc).save("9130", SyncObject.CUSTOMER, SyncDirection.QBO_TO_SALESFORCE, new CursorStore.Cursor("2026-11-26T02:59:00-08:00", null));
    SyncStatusStore status = new SyncStatusStore(jdbc);
    assertThat(status.jobObjects()).extracting(SyncStatusStore.JobObject::object).containsExactly("Customer", "Invoice");
    assertThat(status.linked()).containsExactly(new SyncStatusStore.Linked("9130", "Customer", 2, 1));
    assertThat(status.objectRuns())
        .filteredOn(r -> r.object().equals("Customer"))
        .singleElement()
        .satisfies(r -> {
          assertThat(r.lastStatus()).isEqualTo(RunStatus.PARTLY_FAILED);
          assertThat(r.lastSuccessfulAt()).isEqualTo(T0.plusSeconds(4));
        });
    assertThat(status.deferred()).containsExactly(new SyncStatusStore.Deferred("9130", "Invoice", "QBO_TO_SALESFORCE", 1));
    assertThat(status.cursors()).singleElement().satisfies(c -> assertThat(c.value()).startsWith("2026-11-26"));

    assertThat(jobs.delete("nightly")).isTrue();
    assertThat(runs.find("run-1")).as("run reports outlive their job").isPresent();
  }

  /**
   * The job registry's own class, reached by reflection because it is package-private in the
   * jobs package: this test proves its SQL on PostgreSQL without a second application context.
   */
  private static final class JobRepositoryAccess {
    private final Object repository;

    JobRepositoryAccess(JdbcTemplate jdbc) throws ReflectiveOperationException {
      Class<?> type = Class.forName("io.ledgerbridge.worker.jobs.JobRepository");
      Constructor<?> constructor = type.getDeclaredConstructor(JdbcTemplate.class, ObjectMapper.class);
      constructor.setAccessible(true);
      repository = constructor.newInstance(jdbc, new ObjectMapper().findAndRegisterModules());
    }

    void insert(Job job) throws ReflectiveOperationException {
      method("insert", Job.class).invoke(repository, job);
    }

    @SuppressWarnings("unchecked")
    Optional<Job> find(String id) throws ReflectiveOperationException {
      return (Optional<Job>) method("find", String.class).invoke(repository, id);
    }

    boolean delete(String id) throws ReflectiveOperationException {
      return (Boolean) method("delete", String.class).invoke(repository, id);
    }

    private Method method(String name, Class<?>... parameters) throws NoSuchMethodException {
      Method method = repository.getClass().getDeclaredMethod(name, parameters);
      method.setAccessible(true);
      return method;
    }
  }

  private static boolean answers() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", 5432), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void execute(String sql) {
    try (Connection c = DriverManager.getConnection(PG + "postgres", "postgres", "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }
}
