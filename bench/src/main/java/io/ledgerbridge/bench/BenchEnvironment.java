package io.ledgerbridge.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.activities.mapping.Mappings;
import io.ledgerbridge.activities.quickbooks.QuickBooksClient;
import io.ledgerbridge.activities.quickbooks.QuickBooksSettings;
import io.ledgerbridge.activities.salesforce.SalesforceClient;
import io.ledgerbridge.activities.salesforce.SalesforceSettings;
import io.ledgerbridge.activities.salesforce.SaveResult;
import io.ledgerbridge.activities.store.ConnectionStore;
import io.ledgerbridge.activities.quickbooks.QuickBooksLimits;
import io.ledgerbridge.activities.quickbooks.QuickBooksMeter;
import io.ledgerbridge.activities.store.SecretCipher;
import io.ledgerbridge.activities.sync.SyncActivitiesImpl;
import io.ledgerbridge.activities.sync.SyncStores;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.sandbox.SandboxApi;
import io.ledgerbridge.sandbox.SandboxOptions;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.sync.ObjectSyncRequest;
import io.ledgerbridge.workflows.sync.ObjectSyncResult;
import io.ledgerbridge.workflows.sync.SyncActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What production wires, minus Temporal's server: the sandbox (QBO rate limits off) on ephemeral
 * ports, H2 in a temp directory migrated by the production Flyway scripts, the real connectors over
 * HTTP, and {@link SyncActivitiesImpl} with its production options, run in Temporal's test activity
 * environment. A second pair of clients stands for people and for checks; it is never counted
 * because the sandbox counters are read right after each sync.
 */
final class BenchEnvironment implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final String REDIRECT_URI = "http://127.0.0.1/quickbooks/callback";
  /** LedgerBridge's default (LEDGERBRIDGE_SALESFORCE_BULK_THRESHOLD): Salesforce's advice of 2,000 records. */
  static final int BULK_THRESHOLD_DEFAULT = 2_000;

  final Sandbox sandbox;
  final String realmId;
  final QuickBooksClient qbo;
  final SalesforceClient salesforce;
  /** Outside the sync: a person's edits and the benchmark's checks. */
  final QuickBooksClient qboPerson;
  final SalesforceClient salesforcePerson;
  /** Non-GET requests the sync's clients sent (creates, updates, composite upserts), OAuth token calls excepted. */
  final AtomicLong syncWrites = new AtomicLong();

  private final Path dir;
  /** A pool, as production has: two companies' syncs run at once and each takes its own transactions. */
  private final JdbcConnectionPool dataSource;
  private final SyncStores stores;
  private final int salesforceBulkThreshold;
  /**
   * Temporal's test activity environment runs one activity at a time, so each company gets its own, as
   * each company's run would take an activity slot of its own on a worker.
   */
  private final Map<String, ActivitySlot> slots = new ConcurrentHashMap<>();
  private final AtomicInteger runs = new AtomicInteger();

  BenchEnvironment(int customers) {
    this(customers, false);
  }

  /** @param salesforceBulkThreshold from how many records a sync to Salesforce writes in bulk jobs; 0 never */
  BenchEnvironment(int customers, int salesforceBulkThreshold) {
    this(inProcess(customers, false), null, null, salesforceBulkThreshold);
  }

  /**
   * @param intuitLimits whether the sandbox enforces Intuit's throttles (500 calls a minute, 10 a
   *     second, 40 batch calls a minute per company), answering 429 beyond them as Intuit does
   */
  BenchEnvironment(int customers, boolean intuitLimits) {
    this(inProcess(customers, intuitLimits), null, null, BULK_THRESHOLD_DEFAULT);
  }

  /** Against a sandbox running in another process, whose records then do not count in this one's heap. */
  BenchEnvironment(String quickBooksUrl, String salesforceUrl) {
    this(null, quickBooksUrl, salesforceUrl, BULK_THRESHOLD_DEFAULT);
  }

  private static Sandbox inProcess(int customers, boolean intuitLimits) {
    SandboxOptions options = SandboxOptions.defaults().withSeedCustomers(customers).withPorts(0, 0);
    return Sandbox.start(intuitLimits ? options : options.withoutQboRateLimits());
  }

  /** @param sandbox the sandbox in this process, whose call counters the figures read; null for one elsewhere */
  private BenchEnvironment(Sandbox sandbox, String quickBooksUrl, String salesforceUrl, int salesforceBulkThreshold) {
    try {
      dir = Files.createTempDirectory("ledgerbridge-bench-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.sandbox = sandbox;
    String qboUrl = sandbox != null ? sandbox.quickBooksUrl() : quickBooksUrl;
    String sfUrl = sandbox != null ? sandbox.salesforceUrl() : salesforceUrl;
    dataSource = JdbcConnectionPool.create(
        "jdbc:h2:file:" + dir.resolve("ledgerbridge").toAbsolutePath()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
        "", "");
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    ConnectionStore connections = new ConnectionStore(jdbc, new SecretCipher(SecretCipher.newBase64Key()));

    OkHttpClient plain = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(60)).build();
    OkHttpClient counted = plain.newBuilder()
        .addInterceptor(chain -> {
          if (!chain.request().method().equals("GET") && !chain.request().url().encodedPath().contains("/oauth2/")) {
            syncWrites.incrementAndGet();
          }
          return chain.proceed(chain.request());
        })
        .build();
    QuickBooksSettings qboSettings =
        QuickBooksSettings.at(qboUrl, Sandbox.QBO_CLIENT_ID, Sandbox.QBO_CLIENT_SECRET, REDIRECT_URI);
    SalesforceSettings sfSettings = new SalesforceSettings(sfUrl, Sandbox.SALESFORCE_CLIENT_ID,
        Sandbox.SALESFORCE_CLIENT_SECRET, Sandbox.SALESFORCE_API_VERSION);
    qboPerson = new QuickBooksClient(plain, qboSettings, connections, QuickBooksLimits.inDatabase(jdbc, QuickBooksMeter.BUILDER_TIER_READS));
    salesforcePerson = new SalesforceClient(plain, sfSettings);
    realmId = connect(qboPerson, null);
    qbo = new QuickBooksClient(counted, qboSettings, connections, QuickBooksLimits.inDatabase(jdbc, QuickBooksMeter.BUILDER_TIER_READS));
    salesforce = new SalesforceClient(counted, sfSettings);

    stores = SyncStores.on(jdbc);
    this.salesforceBulkThreshold = salesforceBulkThreshold;
  }

  /** One object of a new job run from QuickBooks to Salesforce, as the batch workflow asks for it. */
  ObjectSyncResult sync(SyncObject object) {
    return sync(object, SyncDirection.QBO_TO_SALESFORCE);
  }

  ObjectSyncResult sync(SyncObject object, SyncDirection direction) {
    return sync(realmId, object, direction);
  }

  /** One object of a run for the company {@code realm}; companies may sync at once, each from its own thread. */
  ObjectSyncResult sync(String realm, SyncObject object, SyncDirection direction) {
    return activityFor(realm).syncObject(new ObjectSyncRequest("bench-job", "bench-run-" + runs.incrementAndGet(), realm, direction,
        object, false));
  }

  /** A company's own test activity environment, and the stub its syncs are called through. */
  private record ActivitySlot(TestActivityEnvironment environment, SyncActivities activity) {}

  private SyncActivities activityFor(String realm) {
    return slots.computeIfAbsent(realm, company -> {
      TestActivityEnvironment environment = TestActivityEnvironment.newInstance();
      environment.registerActivitiesImplementations(
          new SyncActivitiesImpl(qbo, salesforce, stores, Mappings.defaults(), salesforceBulkThreshold));
      return new ActivitySlot(environment, environment.newActivityStub(
          SyncActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofHours(1))
              .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
              .build()));
    }).activity();
  }

  /** Connects one more QuickBooks company, the sandbox's {@code realm} (created empty), and answers its realmId. */
  String connectAnotherCompany(String realm) {
    return connect(qboPerson, realm);
  }

  /** People create {@code n} Accounts in Salesforce, with an address and a phone, 200 per call. */
  void createAccounts(int n) {
    createAccounts(n, "Bench Account", null);
  }

  /** People create {@code n} Accounts named {@code namePrefix} and a number, of {@code type} (null: none). */
  void createAccounts(int n, String namePrefix, String type) {
    List<ObjectNode> accounts = new ArrayList<>(n);
    for (int i = 1; i <= n; i++) {
      ObjectNode account = JSON.createObjectNode();
      if (type != null) {
        account.put("Type", type);
      }
      accounts.add(account
          .put("Name", String.format(Locale.ROOT, "%s %06d", namePrefix, i))
          .put("Phone", String.format(Locale.ROOT, "(303) 555-%04d", i % 10_000))
          .put("BillingStreet", i + " Main St.")
          .put("BillingCity", "Denver"));
    }
    List<SaveResult> results = salesforcePerson.createAll("Account", accounts);
    long failed = results.stream().filter(r -> !r.success()).count();
    if (failed > 0) {
      throw new IllegalStateException(failed + " of " + n + " bench Accounts were refused: " + results.stream()
          .filter(r -> !r.success()).findFirst().orElseThrow().errors());
    }
  }

  /** Calls the sandbox answered since the last reset (admin calls excluded), summed over statuses. */
  long calls(SandboxApi api) {
    long total = 0;
    for (Map.Entry<String, Long> e : sandbox.callCounts(api).entrySet()) {
      if (e.getKey().startsWith("status ")) {
        total += e.getValue();
      }
    }
    return total;
  }

  /** Calls the sandbox answered with {@code status} since the last reset. */
  long callsAnswered(SandboxApi api, int status) {
    return sandbox.callCounts(api).getOrDefault("status " + status, 0L);
  }

  long errorCalls(SandboxApi api) {
    long total = 0;
    for (Map.Entry<String, Long> e : sandbox.callCounts(api).entrySet()) {
      if (e.getKey().startsWith("status ") && !e.getKey().startsWith("status 2")) {
        total += e.getValue();
      }
    }
    return total;
  }

  /** QuickBooks calls of the company {@code realm} answered with success since the last reset, as Intuit meters them. */
  long qboCallsAnswered(String realm) {
    long total = 0;
    for (Map.Entry<String, Long> e : sandbox.callCounts(SandboxApi.QUICKBOOKS).entrySet()) {
      if (e.getKey().startsWith("class ") && e.getKey().contains(" " + realm + " ")) {
        total += e.getValue();
      }
    }
    return total;
  }

  void resetCounters() {
    sandbox.resetCallCounts();
    syncWrites.set(0);
  }

  /** SELECT COUNT() in Salesforce. */
  int count(String soql) {
    return salesforcePerson.query(soql).totalSize();
  }

  /** Every record of a QBO entity, inactive ones too for the list entities. */
  int qboCount(String entity) {
    return qboCount(realmId, entity);
  }

  /** Every record of a QBO entity of the company {@code realm}, inactive ones too for the list entities. */
  int qboCount(String realm, String entity) {
    String clauses = Set.of("Customer", "Item", "Vendor").contains(entity) ? "WHERE Active IN (true, false)" : "";
    return qboPerson.queryAll(realm, entity, clauses).size();
  }

  /** The Id of an active QBO customer. */
  String someCustomerId() {
    return qboPerson.queryPage(realmId, "Customer", "WHERE Active = true", 1, 1).records().get(0).get("Id").asText();
  }

  /** A person renames one customer in QBO: a sparse update with the current SyncToken. */
  ObjectNode renameCustomer(String id, String newName) {
    return changeInQuickBooks("Customer", id, JSON.createObjectNode().put("DisplayName", newName));
  }

  /** The Id of the first record of a QBO entity. */
  String someId(String entity) {
    return qboPerson.queryPage(realmId, entity, "", 1, 1).records().get(0).get("Id").asText();
  }

  /** A person changes one QBO record: a sparse update of {@code fields} with the current SyncToken. */
  ObjectNode changeInQuickBooks(String entity, String id, ObjectNode fields) {
    ObjectNode current = qboPerson.read(realmId, entity, id);
    ObjectNode update = fields.deepCopy();
    update.put("Id", id);
    update.put("SyncToken", current.get("SyncToken").asText());
    update.put("sparse", true);
    return qboPerson.save(realmId, entity, update, null);
  }

  /** A person changes one Salesforce record. */
  void changeInSalesforce(String sObjectType, String id, ObjectNode fields) {
    SaveResult result = salesforcePerson.updateAll(sObjectType, List.of(fields.deepCopy().put("Id", id))).get(0);
    if (!result.success()) {
      throw new IllegalStateException("the bench's change of " + sObjectType + " " + id + " was refused: " + result.errors());
    }
  }

  /** The Id of the first Salesforce record a query finds. */
  String someSalesforceId(String soql) {
    return salesforcePerson.query(soql).records().get(0).get("Id").asText();
  }

  /** People create {@code n} products in Salesforce, each with its price in the standard price book. */
  void createProducts(int n) {
    List<ObjectNode> products = new ArrayList<>(n);
    for (int i = 1; i <= n; i++) {
      products.add(JSON.createObjectNode().put("Name", String.format(Locale.ROOT, "Bench Product %04d", i))
          .put("ProductCode", String.format(Locale.ROOT, "BP-%04d", i)).put("IsActive", true));
    }
    List<SaveResult> made = salesforcePerson.createAll("Product2", products);
    String standardBook = someSalesforceId("SELECT Id FROM Pricebook2 WHERE IsStandard = true");
    List<ObjectNode> prices = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      prices.add(JSON.createObjectNode().put("Pricebook2Id", standardBook).put("Product2Id", made.get(i).id())
          .put("UnitPrice", 10 + i).put("IsActive", true));
    }
    salesforcePerson.createAll("PricebookEntry", prices);
  }

  /** The consent, auto-approved by the sandbox for its company {@code realmHint} (null: its demo company). */
  private String connect(QuickBooksClient client, String realmHint) {
    OkHttpClient browser = new OkHttpClient.Builder().followRedirects(false).build();
    HttpUrl.Builder authorize = HttpUrl.get(client.authorizationUrl("bench")).newBuilder();
    if (realmHint != null) {
      authorize.addQueryParameter("realmId", realmHint);
    }
    try (Response consent = browser.newCall(new Request.Builder().url(authorize.build()).build()).execute()) {
      String location = consent.header("Location");
      if (consent.code() != 302 || location == null) {
        throw new IllegalStateException("authorize answered " + consent.code() + " without a redirect");
      }
      HttpUrl callback = HttpUrl.get(location);
      String realm = callback.queryParameter("realmId");
      client.completeAuthorization(callback.queryParameter("code"), realm);
      return realm;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    slots.values().forEach(slot -> slot.environment().close());
    if (sandbox != null) {
      sandbox.close();
    }
    dataSource.dispose();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp directory left behind is harmless
    }
  }
}
