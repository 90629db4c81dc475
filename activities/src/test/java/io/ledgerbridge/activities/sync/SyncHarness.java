package io.ledgerbridge.activities.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.activities.mapping.Mappings;
import io.ledgerbridge.activities.quickbooks.QuickBooksClient;
import io.ledgerbridge.activities.quickbooks.QuickBooksSettings;
import io.ledgerbridge.activities.salesforce.SalesforceClient;
import io.ledgerbridge.activities.salesforce.SaveResult;
import io.ledgerbridge.activities.salesforce.SalesforceSettings;
import io.ledgerbridge.activities.store.ConnectedSystem;
import io.ledgerbridge.activities.testing.SandboxFixture;
import io.ledgerbridge.activities.testing.TestDatabase;
import io.ledgerbridge.activities.testing.TestRetries;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.sandbox.SandboxOptions;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.sync.ConflictPolicy;
import io.ledgerbridge.workflows.sync.ObjectSyncRequest;
import io.ledgerbridge.workflows.sync.ObjectSyncResult;
import io.ledgerbridge.workflows.sync.PreflightRequest;
import io.ledgerbridge.workflows.sync.PreflightResult;
import io.ledgerbridge.workflows.sync.RecordSyncRequest;
import io.ledgerbridge.workflows.sync.RecordSyncResult;
import io.ledgerbridge.workflows.sync.SyncActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * One sandbox, the connectors pointed at it, H2 stores, and the sync activity run in Temporal's
 * test activity environment: what the sync tests share. Test data is read and written with the
 * sandbox's wire APIs through the same clients, with the sync's writes counted by request.
 */
final class SyncHarness implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  /** A job of payments and every object they need before them, in the catalog's order (credit memos payments apply included). */
  static final SyncObject[] PAYMENTS_JOB = {SyncObject.CUSTOMER, SyncObject.ITEM, SyncObject.INVOICE,
      SyncObject.require("CreditMemo"), SyncObject.PAYMENT};
  /** Each sync is one attempt: a fault these tests inject fails it, as a crash would. */
  private static final ActivityOptions ONE_ATTEMPT = ActivityOptions.newBuilder()
      .setStartToCloseTimeout(Duration.ofMinutes(2))
      .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
      .build();

  final SandboxFixture fx;
  final QuickBooksClient qbo;
  final SalesforceClient salesforce;
  /** Salesforce as a person in its UI changes it, outside the sync (not counted). */
  final SalesforceClient people;
  final SyncStores stores;
  final String realmId;
  /** Requests the sync's clients sent, "METHOD path", in order. */
  final List<String> writes = new ArrayList<>();
  private final List<Interceptor> faults = new ArrayList<>();
  private TestActivityEnvironment env;
  private volatile Object lastHeartbeat;
  private int runs;
  Mappings mappings = Mappings.defaults();
  int qboPageSize = 1000;
  int salesforcePageSize = SalesforceClient.MAX_QUERY_PAGE_SIZE;
  int salesforceBulkThreshold = SyncOptions.DEFAULT_SALESFORCE_BULK_THRESHOLD;
  /** Whether a job's first run checks the Salesforce fields first, which refuses a mapping the org cannot hold. */
  boolean preflight = true;

  SyncHarness(int customers) {
    this(customers, TestDatabase.H2);
  }

  /** A harness whose LedgerBridge state is kept in {@code database}. */
  SyncHarness(int customers, TestDatabase database) {
    this(SandboxOptions.defaults().withSeedCustomers(customers), database);
  }

  /** A harness on a sandbox with these options, without QuickBooks' rate limits. */
  SyncHarness(SandboxOptions options, TestDatabase database) {
    fx = new SandboxFixture(options.withoutQboRateLimits(), database);
    OkHttpClient http =
        fx.http.newBuilder()
            .addInterceptor(chain -> {
              for (Interceptor fault : new ArrayList<>(faults)) {
                Response faulted = fault.intercept(chain);
                if (faulted != null) {
                  return faulted;
                }
              }
              Request request = chain.request();
              if (!request.method().equals("GET")) {
                writes.add(request.method() + " " + request.url().encodedPath()
                    + (request.url().query() == null ? "" : "?" + request.url().query()));
              }
              return chain.proceed(request);
            })
            .build();
    QuickBooksClient setup = fx.quickBooks();
    realmId = fx.connect(setup);
    // Each call is sent once: a fault these tests inject fails the attempt, as a crash would.
    qbo = new QuickBooksClient(http, QuickBooksSettings.at(fx.sandbox.quickBooksUrl(), Sandbox.QBO_CLIENT_ID,
        Sandbox.QBO_CLIENT_SECRET, SandboxFixture.REDIRECT_URI), fx.connections, fx.limits, TestRetries.none());
    salesforce = new SalesforceClient(http, new SalesforceSettings(fx.sandbox.salesforceUrl(),
        Sandbox.SALESFORCE_CLIENT_ID, Sandbox.SALESFORCE_CLIENT_SECRET, Sandbox.SALESFORCE_API_VERSION),
        TestRetries.none());
    people = fx.salesforce();
    stores = SyncStores.on(fx.jdbc);
  }

  /** The request's body as text, for telling one kind of write from another. */
  static String bodyText(Request request) {
    if (request.body() == null) {
      return "";
    }
    try (okio.Buffer buffer = new okio.Buffer()) {
      request.body().writeTo(buffer);
      return buffer.readUtf8();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** An interceptor that may answer instead of the server (or throw); null lets the request through. */
  void fault(Interceptor fault) {
    faults.add(fault);
  }

  /**
   * The first request {@code which} matches reaches the server, which acts on it, and its answer is
   * lost as when the worker dies: the call fails with {@code why}. Returns whether that happened.
   */
  AtomicBoolean answerLostOnce(Predicate<Request> which, String why) {
    AtomicBoolean happened = new AtomicBoolean();
    fault(chain -> {
      if (which.test(chain.request()) && happened.compareAndSet(false, true)) {
        chain.proceed(chain.request()).close();
        throw new IOException(why);
      }
      return null;
    });
    return happened;
  }

  /**
   * Right after the server acted on the first request {@code which} matches, before the sync reads
   * its answer, a person does {@code meanwhile}. Returns whether that happened.
   */
  AtomicBoolean rightAfterOnce(Predicate<Request> which, Runnable meanwhile) {
    AtomicBoolean happened = new AtomicBoolean();
    fault(chain -> {
      if (which.test(chain.request()) && happened.compareAndSet(false, true)) {
        Response answer = chain.proceed(chain.request());
        meanwhile.run();
        return answer;
      }
      return null;
    });
    return happened;
  }

  SyncActivities activity() {
    if (env != null) {
      env.close();
    }
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(activities());
    env.setActivityHeartbeatListener(SyncProgress.class, details -> lastHeartbeat = details);
    if (lastHeartbeat != null) {
      env.setHeartbeatDetails(lastHeartbeat);
    }
    return env.newActivityStub(SyncActivities.class, ONE_ATTEMPT);
  }

  /**
   * The named records synced by another worker while a sync of this harness is in the middle of its work (from
   * a fault hook): in an activity environment of its own, so the sync under way goes on afterwards.
   */
  RecordSyncResult syncRecordsInAnotherWorker(SyncObject object, SyncDirection direction, List<String> ids) {
    TestActivityEnvironment other = TestActivityEnvironment.newInstance();
    try {
      other.registerActivitiesImplementations(activities());
      return other.newActivityStub(SyncActivities.class, ONE_ATTEMPT).syncRecords(
          new RecordSyncRequest(realmId, object, direction, ids, "job-2", "run-elsewhere", null, false));
    } finally {
      other.close();
    }
  }

  private SyncActivitiesImpl activities() {
    return new SyncActivitiesImpl(qbo, salesforce, stores, mappings,
        new SyncOptions(Clock.systemUTC(), qboPageSize, salesforcePageSize, preflight, salesforceBulkThreshold));
  }

  /** Turns on matching of unlinked Customers and Accounts by name, as an admin's mappings file does. */
  void matchCustomersToAccountsByName() {
    mappings = Mappings.withOverride(
        """
        mappings:
          - object: Customer
            salesforceObject: Account
            matching: {enabled: true, pairs: [{qbo: DisplayName, salesforce: Name}]}
        """,
        "matching.yaml");
  }

  /** A person creates an unlinked Account named like a QuickBooks customer; returns its id. */
  String personCreatesAccountNamedLike(ObjectNode customer, String phone) {
    ObjectNode account = JSON.createObjectNode().put("Name", customer.get("DisplayName").asText()).put("Phone", phone);
    return personCreates("Account", account);
  }

  /** A person creates a record in Salesforce; returns its id. */
  String personCreates(String sObjectType, ObjectNode fields) {
    return saved(people.createAll(sObjectType, List.of(fields)).get(0), "create " + sObjectType);
  }

  /** A person changes a record in Salesforce. */
  void personUpdates(String sObjectType, String id, ObjectNode fields) {
    saved(people.updateAll(sObjectType, List.of(fields.deepCopy().put("Id", id))).get(0), "update " + sObjectType + " " + id);
  }

  private static String saved(SaveResult result, String what) {
    if (!result.success()) {
      throw new AssertionError("Salesforce refused to " + what + ": " + result.errors());
    }
    return result.id();
  }

  /** The details of the last heartbeat the sync sent, null before the first. */
  SyncProgress lastProgress() {
    return (SyncProgress) lastHeartbeat;
  }

  /** One object of a new job run. */
  ObjectSyncResult sync(SyncObject object, SyncDirection direction) {
    return sync(object, direction, false);
  }

  ObjectSyncResult sync(SyncObject object, SyncDirection direction, boolean pullParents) {
    lastHeartbeat = null;
    return activity().syncObject(new ObjectSyncRequest("job-1", "run-" + (++runs), realmId, direction, object, pullParents));
  }

  /**
   * One object of a new job run whose first attempt dies (an exception from a fault), retried as
   * Temporal retries an activity: the same request, with the last heartbeat's details.
   */
  ObjectSyncResult syncAfterACrash(SyncObject object, SyncDirection direction) {
    lastHeartbeat = null;
    ObjectSyncRequest request = new ObjectSyncRequest("job-1", "run-" + (++runs), realmId, direction, object, false);
    try {
      activity().syncObject(request);
      throw new AssertionError("the first attempt was meant to fail");
    } catch (io.temporal.failure.ActivityFailure firstAttempt) {
      return activity().syncObject(request);
    }
  }

  /** The job's objects in order, in one run, as the batch workflow runs them. */
  List<ObjectSyncResult> run(SyncDirection direction, SyncObject... objects) {
    String runId = "run-" + (++runs);
    lastHeartbeat = null;
    SyncActivities activity = activity();
    List<ObjectSyncResult> results = new ArrayList<>();
    for (SyncObject object : objects) {
      results.add(activity.syncObject(new ObjectSyncRequest("job-1", runId, realmId, direction, object, false)));
    }
    return results;
  }

  RecordSyncResult syncRecords(SyncObject object, SyncDirection direction, List<String> ids, ConflictPolicy policy) {
    lastHeartbeat = null;
    return activity().syncRecords(
        new RecordSyncRequest(realmId, object, direction, ids, "job-1", "run-" + (++runs), policy, false));
  }

  PreflightResult preflight() {
    lastHeartbeat = null;
    return activity().preflight(PreflightRequest.everything());
  }

  // ---- the two sides ----

  List<ObjectNode> qboAll(String entity) {
    boolean nameList = List.of("Customer", "Item", "Vendor").contains(entity);
    return qbo.queryAll(realmId, entity, nameList ? "WHERE Active IN (true, false)" : "");
  }

  List<ObjectNode> soql(String query) {
    return people.queryAll(query);
  }

  String externalId(String qboId) {
    return realmId + "-" + qboId;
  }

  /** A QBO request as a person in QBO's UI would cause it, outside the sync (not counted). */
  JsonNode qboPost(String resource, String query, ObjectNode body) {
    String token = fx.connections.find(ConnectedSystem.QUICKBOOKS, realmId).orElseThrow().accessToken();
    Request request = new Request.Builder()
        .url(fx.sandbox.quickBooksUrl() + "/v3/company/" + realmId + "/" + resource + "?minorversion=75"
            + (query == null ? "" : "&" + query))
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/json")
        .post(RequestBody.create(body.toString(), MediaType.get("application/json")))
        .build();
    try (Response response = fx.http.newCall(request).execute()) {
      String text = response.body().string();
      if (!response.isSuccessful()) {
        throw new IllegalStateException(resource + " answered " + response.code() + ": " + text);
      }
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A sparse update of a QBO record by a person: the current SyncToken and the changes. */
  ObjectNode qboChange(String entity, String id, java.util.function.Consumer<ObjectNode> change) {
    ObjectNode current = qbo.read(realmId, entity, id);
    ObjectNode update = JSON.createObjectNode();
    update.put("Id", id);
    update.put("SyncToken", current.get("SyncToken").asText());
    update.put("sparse", true);
    change.accept(update);
    return (ObjectNode) qboPost(entity.toLowerCase(), null, update).get(entity);
  }

  long writesMatching(Predicate<String> which) {
    return writes.stream().filter(which).count();
  }

  long salesforceWrites() {
    return writesMatching(w -> w.contains("/services/data/"));
  }

  long qboWrites() {
    return writesMatching(w -> w.startsWith("POST /v3/company/"));
  }

  @Override
  public void close() {
    if (env != null) {
      env.close();
    }
    fx.close();
  }

  static ObjectNode object(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
