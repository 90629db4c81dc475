package io.ledgerbridge.activities.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.activities.errors.CallRetries;
import io.ledgerbridge.activities.errors.FreshTokenRejectedException;
import io.ledgerbridge.activities.errors.RemoteFailures;
import io.ledgerbridge.activities.http.HttpCalls;
import io.ledgerbridge.activities.store.ConnectedSystem;
import io.ledgerbridge.activities.store.ConnectionCalls;
import io.ledgerbridge.workflows.sync.FailureType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Salesforce REST API of one org, authenticated by {@link SalesforceLogin} with the configured OAuth 2.0
 * flow. The session is fetched once and cached; a 401 {@code INVALID_SESSION_ID} fetches a new one and
 * retries the request once.
 */
public final class SalesforceClient {
  /** Records per sObject Collections request. */
  public static final int MAX_COLLECTION_SIZE = 200;
  /** The most records a page of a SOQL query holds ({@code Sforce-Query-Options: batchSize}). */
  public static final int MAX_QUERY_PAGE_SIZE = 2_000;
  /**
   * Records per Bulk API 2.0 ingest job LedgerBridge sends: Salesforce processes a job in internal batches
   * of 10,000, so a larger job takes no fewer of its batches, and a retried sync redoes at most this many.
   */
  public static final int MAX_BULK_JOB_RECORDS = 10_000;
  /** The first and the longest wait between two looks at a bulk job being processed. */
  static final Duration FIRST_BULK_POLL = Duration.ofMillis(100);
  static final Duration LONGEST_BULK_POLL = Duration.ofSeconds(10);
  /** How long a bulk job may take before LedgerBridge gives up on it (and the sync's attempt fails, to be retried). */
  static final Duration LONGEST_BULK_JOB = Duration.ofMinutes(30);
  /** The share of the daily API allowance left to the org's other users unless configured otherwise. */
  public static final int DEFAULT_API_RESERVE_PERCENT = 10;
  /**
   * How long an answer's count of the daily allowance is trusted: while it says the reserve is reached
   * no call is sent, and after this one call may go to see whether Salesforce's rolling 24 hours freed some.
   */
  static final Duration ALLOWANCE_TRUSTED_FOR = Duration.ofMinutes(15);

  private static final Logger log = LoggerFactory.getLogger(SalesforceClient.class);
  private static final MediaType JSON = MediaType.get("application/json");
  private static final MediaType CSV = MediaType.get("text/csv");
  private static final DateTimeFormatter JOB_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx");

  private final OkHttpClient http;
  private final SalesforceSettings settings;
  private final SalesforceLogin login;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();
  private final Object sessionLock = new Object();
  private volatile Session session;
  private final AtomicReference<Allowance> allowance = new AtomicReference<>();
  /** Who each identity URL is, asked once: a session's user changes only with the connected app's settings. */
  private final Map<String, SalesforceUser> users = new ConcurrentHashMap<>();

  private final CallRetries retries;
  private final int apiReservePercent;
  /** Where the last answered and the last failed call are kept; null where nobody looks (tests, benchmarks). */
  private final ConnectionCalls calls;

  public SalesforceClient(OkHttpClient http, SalesforceSettings settings) {
    this(http, settings, CallRetries.standard());
  }

  /** @param retries how calls that failed for a passing reason are sent again */
  public SalesforceClient(OkHttpClient http, SalesforceSettings settings, CallRetries retries) {
    this(http, settings, retries, DEFAULT_API_RESERVE_PERCENT, Clock.systemUTC());
  }

  /**
   * @param apiReservePercent the share of the org's daily API allowance never spent by LedgerBridge (0 to 90):
   *     once an answer says no more than that is left, calls stop with {@link ApiReserveReachedException}
   */
  public SalesforceClient(OkHttpClient http, SalesforceSettings settings, CallRetries retries, int apiReservePercent,
      Clock clock) {
    this(http, settings, retries, apiReservePercent, clock, null);
  }

  /** @param calls where the last answered call and the last failed one are kept, for the connections view */
  public SalesforceClient(OkHttpClient http, SalesforceSettings settings, CallRetries retries, int apiReservePercent,
      Clock clock, ConnectionCalls calls) {
    this(http, new SalesforceLogin(http, settings, null, clock), retries, apiReservePercent, clock, calls);
  }

  /** @param login how sessions are opened: the web-server flow's needs the connection store */
  public SalesforceClient(OkHttpClient http, SalesforceLogin login, CallRetries retries, int apiReservePercent,
      Clock clock, ConnectionCalls calls) {
    if (apiReservePercent < 0 || apiReservePercent > 90) {
      throw new IllegalArgumentException("the Salesforce API reserve must be 0 to 90 percent of the daily allowance,"
          + " not " + apiReservePercent);
    }
    this.http = Objects.requireNonNull(http, "http");
    this.login = Objects.requireNonNull(login, "login");
    this.settings = login.settings();
    this.clock = Objects.requireNonNull(clock, "clock");
    this.retries = Objects.requireNonNull(retries, "retries");
    this.apiReservePercent = apiReservePercent;
    this.calls = calls;
  }

  /** The org as last seen: its host and ids, the user, API version and daily API allowance; asks Salesforce nothing. */
  public OrgStatus status() {
    Session current = session;
    Allowance last = allowance.get();
    return OrgStatus.of(settings.loginUrl(), current == null ? null : current.instanceUrl(),
        current == null ? null : current.identityUrl(), settings.apiVersion(),
        last == null ? null : last.used(), last == null ? null : last.limit(), last == null ? null : reserve(last.limit()),
        last == null ? null : last.observedAt());
  }

  /**
   * The user LedgerBridge acts as, by name: asked once per identity from the identity URL the token
   * answer names ({@code display_name}, {@code username}); empty before the first session, which this
   * does not start.
   */
  public Optional<SalesforceUser> user() {
    Session current = session;
    if (current == null || current.identityUrl() == null) {
      return Optional.empty();
    }
    SalesforceUser known = users.get(current.identityUrl());
    if (known != null) {
      return Optional.of(known);
    }
    JsonNode identity = execute("identity", true, s -> get(HttpUrl.get(s.identityUrl()), s));
    SalesforceUser user = new SalesforceUser(textOrNull(identity, "display_name"), textOrNull(identity, "username"));
    users.put(current.identityUrl(), user);
    return Optional.of(user);
  }

  /** Fetches a session now, to check the settings (the admin's "test connection"). */
  public void connect() {
    session(null);
  }

  // ---- query ----

  /** The first page of a SOQL query. */
  public SoqlPage query(String soql) {
    return query(soql, 0);
  }

  /**
   * The first page of a SOQL query, asking for pages of {@code batchSize} records (Salesforce takes
   * 200 to 2000 and treats it as a hint); 0 leaves Salesforce's default.
   */
  public SoqlPage query(String soql, int batchSize) {
    return firstPage("query", soql, batchSize);
  }

  /**
   * The first page of a SOQL query through the queryAll resource, which also finds deleted records still in
   * the recycle bin ({@code IsDeleted = true}); its {@code nextRecordsUrl} continues the same query.
   */
  public SoqlPage queryIncludingDeleted(String soql, int batchSize) {
    return firstPage("queryAll", soql, batchSize);
  }

  private SoqlPage firstPage(String resource, String soql, int batchSize) {
    return page(
        resource,
        s -> {
          Request.Builder request =
              get(HttpUrl.get(s.apiBase() + "/" + resource).newBuilder().addQueryParameter("q", soql).build(), s)
                  .newBuilder();
          if (batchSize > 0) {
            request.header("Sforce-Query-Options", "batchSize=" + batchSize);
          }
          return request.build();
        });
  }

  /** The page at a previous page's {@code nextRecordsUrl}. */
  public SoqlPage queryMore(String nextRecordsUrl) {
    if (nextRecordsUrl == null || !nextRecordsUrl.startsWith("/services/data/")) {
      throw new IllegalArgumentException("not a Salesforce nextRecordsUrl: " + nextRecordsUrl);
    }
    return page("query (next page)", s -> get(HttpUrl.get(s.instanceUrl() + nextRecordsUrl), s));
  }

  /** Every record of a SOQL query, following {@code nextRecordsUrl}; for small result sets. */
  public List<ObjectNode> queryAll(String soql) {
    List<ObjectNode> all = new ArrayList<>();
    SoqlPage page = query(soql);
    all.addAll(page.records());
    while (!page.done() && page.nextRecordsUrl() != null) {
      page = queryMore(page.nextRecordsUrl());
      all.addAll(page.records());
    }
    return all;
  }

  /** Every record of a SOQL query through the queryAll resource, deleted ones in the recycle bin too. */
  public List<ObjectNode> queryIncludingDeleted(String soql) {
    List<ObjectNode> all = new ArrayList<>();
    SoqlPage page = queryIncludingDeleted(soql, 0);
    all.addAll(page.records());
    while (!page.done() && page.nextRecordsUrl() != null) {
      page = queryMore(page.nextRecordsUrl());
      all.addAll(page.records());
    }
    return all;
  }

  private SoqlPage page(String operation, Function<Session, Request> request) {
    return executeRaw(operation, true, request, (response, text) -> {
      JsonNode body = parse(text, operation, response);
      List<ObjectNode> records = new ArrayList<>();
      body.path("records").forEach(node -> records.add((ObjectNode) node));
      JsonNode next = body.get("nextRecordsUrl");
      return new SoqlPage(
          body.path("totalSize").asInt(records.size()),
          body.path("done").asBoolean(true),
          next == null || next.isNull() ? null : next.asText(),
          List.copyOf(records),
          answeredAt(response));
    });
  }

  // ---- single records and describe ----

  /** An object's describe result ({@code fields[]} with name, type, length, createable, ...). */
  public JsonNode describe(String sObjectType) {
    return execute(
        "describe " + sObjectType,
        true,
        s -> get(HttpUrl.get(s.apiBase()).newBuilder().addPathSegment("sobjects").addPathSegment(sObjectType)
            .addPathSegment("describe").build(), s));
  }

  /** The id of an object's active record type of this API name (DeveloperName), when the org has one. */
  public Optional<String> activeRecordTypeId(String sObjectType, String developerName) {
    return queryAll("SELECT Id FROM RecordType WHERE SobjectType = " + quote(sObjectType) + " AND DeveloperName = "
        + quote(developerName) + " AND IsActive = true LIMIT 1").stream().findFirst().map(type -> type.get("Id").asText());
  }

  /** Quotes a value for a SOQL string literal. */
  public static String quote(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /**
   * {@code SELECT <select> FROM <type> WHERE <field> IN (<values>) [AND (<condition>)]}, one query per
   * collection's worth ({@link #MAX_COLLECTION_SIZE}) of distinct values: 200 quoted ids stay far
   * below Salesforce's 16 KB limit on URI and headers.
   */
  public static List<String> inQueries(String type, String select, String field, Collection<String> values, String condition) {
    List<String> all = values.stream().distinct().toList();
    List<String> queries = new ArrayList<>();
    for (int from = 0; from < all.size(); from += MAX_COLLECTION_SIZE) {
      String in = all.subList(from, Math.min(all.size(), from + MAX_COLLECTION_SIZE)).stream()
          .map(SalesforceClient::quote).collect(Collectors.joining(", "));
      queries.add("SELECT " + select + " FROM " + type + " WHERE " + field + " IN (" + in + ")"
          + (condition == null ? "" : " AND (" + condition + ")"));
    }
    return queries;
  }

  // ---- upsert ----

  /**
   * Upserts one record by external id: {@code PATCH /sobjects/{type}/{extField}/{extValue}}.
   *
   * @param fields the record's fields, without {@code Id} and without the external id field
   * @throws SalesforceException when Salesforce rejects the record (e.g. 400 REQUIRED_FIELD_MISSING,
   *     300 when several records hold the external id)
   */
  public SaveResult upsert(String sObjectType, String externalIdField, String externalId, ObjectNode fields) {
    ObjectNode body = fields.deepCopy();
    body.remove("Id");
    body.remove(externalIdField);
    body.remove("attributes");
    byte[] payload = bytes(body);
    String operation = "upsert " + sObjectType + " " + externalIdField + "=" + externalId;
    return executeRaw(
        operation,
        true,
        s ->
            new Request.Builder()
                .url(
                    HttpUrl.get(s.apiBase())
                        .newBuilder()
                        .addPathSegment("sobjects")
                        .addPathSegment(sObjectType)
                        .addPathSegment(externalIdField)
                        .addPathSegment(externalId)
                        .build())
                .header("Authorization", "Bearer " + s.accessToken())
                .header("Accept", "application/json")
                .patch(RequestBody.create(payload, JSON))
                .build(),
        (response, text) -> {
          if (response.code() == 204 || text.isBlank()) {
            // API 45.0 and older answer an update with 204 and no body.
            return new SaveResult(null, true, response.code() == 201, List.of(), answeredAt(response));
          }
          JsonNode node = parse(text, operation, response);
          boolean created =
              node.has("created") ? node.get("created").asBoolean() : response.code() == 201;
          return new SaveResult(textOrNull(node, "id"), true, created, List.of(), answeredAt(response));
        });
  }

  /**
   * Upserts records of one type by external id with sObject Collections ({@code PATCH
   * /composite/sobjects/{type}/{extField}}, allOrNone=false), {@value #MAX_COLLECTION_SIZE} per
   * request. Each record must hold the external id field.
   *
   * @return one result per record, in input order: a rejected record does not fail the others
   */
  public List<SaveResult> upsertAll(String sObjectType, String externalIdField, List<ObjectNode> records) {
    for (ObjectNode record : records) {
      if (!record.hasNonNull(externalIdField)) {
        throw new IllegalArgumentException("every record needs its external id " + externalIdField);
      }
    }
    return inCollections(records, chunk -> collectionWrite(
        "upsert of " + chunk.size() + " " + sObjectType + " by " + externalIdField,
        s -> HttpUrl.get(s.apiBase()).newBuilder().addPathSegments("composite/sobjects").addPathSegment(sObjectType)
            .addPathSegment(externalIdField).build(),
        "PATCH", typed(sObjectType, chunk, true)));
  }

  /**
   * Creates records of one type with sObject Collections ({@code POST /composite/sobjects},
   * allOrNone=false), {@value #MAX_COLLECTION_SIZE} per request.
   *
   * @return one result per record, in input order, {@code created} on success
   */
  public List<SaveResult> createAll(String sObjectType, List<ObjectNode> records) {
    return inCollections(records, chunk -> collectionWrite("create of " + chunk.size() + " " + sObjectType,
        s -> HttpUrl.get(s.apiBase()).newBuilder().addPathSegments("composite/sobjects").build(),
        "POST", typed(sObjectType, chunk, true)));
  }

  /**
   * Updates records of one type, each naming its {@code Id}, with sObject Collections ({@code PATCH
   * /composite/sobjects}, allOrNone=false), {@value #MAX_COLLECTION_SIZE} per request.
   *
   * @return one result per record, in input order
   */
  public List<SaveResult> updateAll(String sObjectType, List<ObjectNode> records) {
    for (ObjectNode record : records) {
      if (!record.hasNonNull("Id")) {
        throw new IllegalArgumentException("every record to update needs its Id");
      }
    }
    return inCollections(records, chunk -> collectionWrite("update of " + chunk.size() + " " + sObjectType,
        s -> HttpUrl.get(s.apiBase()).newBuilder().addPathSegments("composite/sobjects").build(),
        "PATCH", typed(sObjectType, chunk, false)));
  }

  /**
   * Deletes records by id with sObject Collections ({@code DELETE
   * /composite/sobjects?ids=&allOrNone=false}), {@value #MAX_COLLECTION_SIZE} per request.
   *
   * @return one result per id, in input order: an id already gone fails with ENTITY_IS_DELETED
   */
  public List<SaveResult> deleteAll(List<String> ids) {
    return inCollections(ids, chunk -> collectionWrite("delete of " + chunk.size() + " records",
        s -> HttpUrl.get(s.apiBase()).newBuilder().addPathSegments("composite/sobjects")
            .addQueryParameter("ids", String.join(",", chunk)).addQueryParameter("allOrNone", "false").build(),
        "DELETE", null));
  }

  private static <T> List<SaveResult> inCollections(List<T> items, Function<List<T>, List<SaveResult>> write) {
    List<SaveResult> results = new ArrayList<>(items.size());
    for (int from = 0; from < items.size(); from += MAX_COLLECTION_SIZE) {
      results.addAll(write.apply(items.subList(from, Math.min(items.size(), from + MAX_COLLECTION_SIZE))));
    }
    return results;
  }

  /** {@code {"allOrNone":false,"records":[{"attributes":{"type":T},...}]}}, with or without the records' Id. */
  private ObjectNode typed(String sObjectType, List<ObjectNode> chunk, boolean withoutId) {
    ObjectNode body = json.createObjectNode();
    body.put("allOrNone", false);
    ArrayNode array = body.putArray("records");
    for (ObjectNode record : chunk) {
      ObjectNode copy = record.deepCopy();
      copy.remove("attributes");
      if (withoutId) {
        copy.remove("Id");
      }
      ObjectNode withType = json.createObjectNode();
      withType.putObject("attributes").put("type", sObjectType);
      withType.setAll(copy);
      array.add(withType);
    }
    return body;
  }

  /** One collection request; Salesforce answers one result per record, in order. */
  private List<SaveResult> collectionWrite(String operation, Function<Session, HttpUrl> url, String method, ObjectNode body) {
    RequestBody payload = body == null ? null : RequestBody.create(bytes(body), JSON);
    int expected = body == null ? -1 : body.get("records").size();
    return executeRaw(
        operation,
        // Creates (POST) are not idempotent; updates, upserts and deletes are.
        !method.equals("POST"),
        s ->
            new Request.Builder()
                .url(url.apply(s))
                .header("Authorization", "Bearer " + s.accessToken())
                .header("Accept", "application/json")
                .method(method, payload)
                .build(),
        (answer, text) -> {
          JsonNode response = parse(text, operation, answer);
          if (!response.isArray() || expected >= 0 && response.size() != expected) {
            throw new IllegalStateException(
                "Salesforce " + operation + " returned " + (response.isArray() ? response.size() : "no") + " results");
          }
          Instant answeredAt = answeredAt(answer);
          List<SaveResult> results = new ArrayList<>(response.size());
          for (JsonNode item : response) {
            boolean success = item.path("success").asBoolean(false);
            boolean created = item.has("created") ? item.get("created").asBoolean() : method.equals("POST");
            results.add(new SaveResult(textOrNull(item, "id"), success, success && created, Errors.list(item.get("errors")),
                answeredAt));
          }
          return results;
        });
  }

  // ---- Bulk API 2.0 ingest ----

  /**
   * Upserts records of one type by external id in one Bulk API 2.0 ingest job: created, its CSV uploaded,
   * closed, looked at with a growing wait ({@code whileWaiting} runs at each look, e.g. a heartbeat) until
   * Salesforce has processed it, then its successful and failed records read. At most {@value
   * #MAX_BULK_JOB_RECORDS} records, each holding the external id field.
   *
   * <p>Every result's {@code answeredAt} is when the job was complete by Salesforce's clock, its {@code
   * systemModstamp} then (the answer's {@code Date} when that is earlier): Salesforce writes a job's records
   * before it marks the job complete, so no record the job wrote has a later SystemModstamp.
   *
   * @param sent told the job's id once it is closed, before the first look: a caller cut off while
   *     Salesforce processes it can ask {@link #createdInBulk} what it created
   * @return one result per record, in input order: a rejected record does not fail the others
   * @throws SalesforceException when Salesforce refuses the job or fails or aborts it as a whole
   */
  public List<SaveResult> upsertInBulk(String sObjectType, String externalIdField, List<ObjectNode> records,
      Runnable whileWaiting, Consumer<String> sent) {
    if (records.isEmpty() || records.size() > MAX_BULK_JOB_RECORDS) {
      throw new IllegalArgumentException("a bulk job takes 1 to " + MAX_BULK_JOB_RECORDS + " records, not " + records.size());
    }
    Map<String, Integer> positions = new HashMap<>();
    List<ObjectNode> rows = new ArrayList<>(records.size());
    for (ObjectNode record : records) {
      if (!record.hasNonNull(externalIdField)) {
        throw new IllegalArgumentException("every record needs its external id " + externalIdField);
      }
      if (positions.putIfAbsent(bulkKey(record.get(externalIdField).asText()), rows.size()) != null) {
        throw new IllegalArgumentException("external id " + record.get(externalIdField).asText() + " twice in one job");
      }
      ObjectNode row = record.deepCopy();
      row.remove(List.of("attributes", "Id"));
      rows.add(row);
    }
    ObjectNode job = json.createObjectNode().put("object", sObjectType).put("operation", "upsert")
        .put("externalIdFieldName", externalIdField).put("contentType", "CSV").put("lineEnding", "LF");
    String what = "bulk upsert of " + records.size() + " " + sObjectType + " by " + externalIdField;
    String jobId = textOrNull(executeRaw(what + ": create job", false,
        s -> jsonRequest(ingest(s), s, "POST", job), (answer, text) -> parse(text, what, answer)), "id");
    try {
      byte[] csv = BulkCsv.of(rows).getBytes(StandardCharsets.UTF_8);
      executeRaw(what + ": upload", false, s -> new Request.Builder().url(ingest(s, jobId, "batches"))
          .header("Authorization", "Bearer " + s.accessToken()).put(RequestBody.create(csv, CSV)).build(),
          (answer, text) -> text);
      execute(what + ": close job " + jobId, false,
          s -> jsonRequest(ingest(s, jobId), s, "PATCH", json.createObjectNode().put("state", "UploadComplete")));
    } catch (RuntimeException notClosed) {
      abandon(jobId, what);
      throw notClosed;
    }
    sent.accept(jobId);
    CompletedJob done = awaitBulkJob(jobId, what, whileWaiting);
    Instant written = done.written();
    List<SaveResult> results = new ArrayList<>(Collections.nCopies(records.size(), null));
    bulkResults(jobId, "successfulResults", what, externalIdField, positions, results,
        row -> new SaveResult(row.get("sf__Id"), true, Boolean.parseBoolean(row.get("sf__Created")), List.of(), written));
    if (done.info().path("numberRecordsFailed").asInt(1) > 0) {
      bulkResults(jobId, "failedResults", what, externalIdField, positions, results,
          row -> new SaveResult(null, false, false, List.of(BulkCsv.error(row.get("sf__Error"))), written));
    }
    long unanswered = results.stream().filter(Objects::isNull).count();
    if (unanswered > 0) {
      throw new IllegalStateException("Salesforce " + what + " (job " + jobId + ") answered for "
          + (records.size() - unanswered) + " of its " + records.size() + " records");
    }
    return results;
  }

  /**
   * A bulk job Salesforce has processed: its JobInfo, and when it was complete by Salesforce's clock, its
   * {@code systemModstamp} (the answer's {@code Date} when that is earlier or the field unreadable).
   */
  private record CompletedJob(JsonNode info, Instant written) {}

  /**
   * The records a bulk upsert job sent by {@link #upsertInBulk} created, once Salesforce has processed it
   * (looked at as that method does): all its successful records whose {@code sf__Created} is true, also
   * those of a job Salesforce failed or aborted part way.
   */
  public CreatedInBulk createdInBulk(String jobId, Runnable whileWaiting) {
    String what = "bulk job " + jobId + "'s created records";
    JsonNode info = awaitProcessed(jobId, what, whileWaiting).info();
    String externalIdField = info.path("externalIdFieldName").asText();
    Set<String> keys = new HashSet<>();
    for (Map<String, String> row : resultRows(jobId, "successfulResults", what)) {
      if (Boolean.parseBoolean(row.get("sf__Created"))) {
        keys.add(bulkKey(row.getOrDefault(externalIdField, "")));
      }
    }
    return new CreatedInBulk(info.path("object").asText(), keys);
  }

  /** The records of one type a bulk job created, by external id (matched case-insensitively, as Salesforce does). */
  public record CreatedInBulk(String sObjectType, Set<String> externalIds) {
    public boolean created(String sObject, String externalId) {
      return sObjectType.equals(sObject) && externalIds.contains(bulkKey(externalId));
    }
  }

  /** Looks at the job until Salesforce has processed it, waiting longer each time; a failed or aborted job throws. */
  private CompletedJob awaitBulkJob(String jobId, String what, Runnable whileWaiting) {
    CompletedJob seen = awaitProcessed(jobId, what, whileWaiting);
    JsonNode info = seen.info();
    String state = info.path("state").asText();
    if (!state.equals("JobComplete")) {
      throw new SalesforceException(what + " (job " + jobId + ")", 400,
          List.of(new SalesforceError("BULK_JOB_" + state.toUpperCase(Locale.ROOT),
              "Salesforce " + state.toLowerCase(Locale.ROOT) + " the job: "
                  + info.path("errorMessage").asText("no reason given")
                  + "; its records are not written (see Setup, Bulk Data Load Jobs)", List.of())), null);
    }
    return seen;
  }

  /** Looks at the job until Salesforce has processed, failed or aborted it, waiting longer each time. */
  private CompletedJob awaitProcessed(String jobId, String what, Runnable whileWaiting) {
    Instant giveUpAt = clock.instant().plus(LONGEST_BULK_JOB);
    Duration wait = FIRST_BULK_POLL;
    while (true) {
      whileWaiting.run();
      sleep(wait);
      CompletedJob seen = executeRaw(what + ": job " + jobId, true, s -> get(ingest(s, jobId), s),
          (answer, text) -> {
            JsonNode info = parse(text, what, answer);
            Instant answeredAt = answeredAt(answer);
            Instant modstamp = salesforceTime(textOrNull(info, "systemModstamp"));
            return new CompletedJob(info, modstamp != null && modstamp.isBefore(answeredAt) ? modstamp : answeredAt);
          });
      String state = seen.info().path("state").asText();
      switch (state) {
        case "JobComplete", "Failed", "Aborted" -> {
          return seen;
        }
        default -> {
          if (clock.instant().isAfter(giveUpAt)) {
            abandon(jobId, what);
            throw new IllegalStateException("Salesforce " + what + " (job " + jobId + ") was still " + state + " after "
                + LONGEST_BULK_JOB.toMinutes() + " minutes; aborted it");
          }
          wait = wait.multipliedBy(2).compareTo(LONGEST_BULK_POLL) > 0 ? LONGEST_BULK_POLL : wait.multipliedBy(2);
        }
      }
    }
  }

  /** Reads a result file of the job into {@code results}, at the position of each row's external id. */
  private void bulkResults(String jobId, String file, String what, String externalIdField, Map<String, Integer> positions,
      List<SaveResult> results, Function<Map<String, String>, SaveResult> result) {
    for (Map<String, String> row : resultRows(jobId, file, what)) {
      Integer position = positions.get(bulkKey(row.getOrDefault(externalIdField, "")));
      if (position == null) {
        throw new IllegalStateException("Salesforce " + what + " (job " + jobId + ") answered for a record it was not"
            + " sent: " + externalIdField + " " + row.get(externalIdField));
      }
      results.set(position, result.apply(row));
    }
  }

  /** The rows of a result file of the job, each by its CSV header's column names. */
  private List<Map<String, String>> resultRows(String jobId, String file, String what) {
    String text = executeRaw(what + ": " + file + " of job " + jobId, true,
        s -> new Request.Builder().url(ingest(s, jobId, file)).header("Authorization", "Bearer " + s.accessToken())
            .header("Accept", "text/csv").get().build(),
        (answer, body) -> body);
    List<List<String>> rows = BulkCsv.parse(text);
    List<Map<String, String>> named = new ArrayList<>();
    if (rows.isEmpty()) {
      return named;
    }
    List<String> header = rows.get(0);
    for (List<String> values : rows.subList(1, rows.size())) {
      Map<String, String> row = new HashMap<>();
      for (int i = 0; i < header.size() && i < values.size(); i++) {
        row.put(header.get(i), values.get(i));
      }
      named.add(row);
    }
    return named;
  }

  /** Aborts a job that will not be completed, so Salesforce does not process or keep it open; a failure to is only logged. */
  private void abandon(String jobId, String what) {
    try {
      execute(what + ": abort job " + jobId, false,
          s -> jsonRequest(ingest(s, jobId), s, "PATCH", json.createObjectNode().put("state", "Aborted")));
    } catch (RuntimeException notAborted) {
      log.warn("Salesforce {}: could not abort job {}: {}", what, jobId, notAborted.getMessage());
    }
  }

  /** A JobInfo time, {@code 2026-12-04T02:10:00.000+0000}; null when absent or unreadable. */
  private static Instant salesforceTime(String text) {
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text, JOB_TIME).toInstant();
    } catch (DateTimeParseException unreadable) {
      return null;
    }
  }

  /** External ids match case-insensitively in Salesforce. */
  private static String bulkKey(String externalId) {
    return externalId.toLowerCase(Locale.ROOT);
  }

  private static HttpUrl ingest(Session s, String... segments) {
    HttpUrl.Builder url = HttpUrl.get(s.apiBase()).newBuilder().addPathSegments("jobs/ingest");
    for (String segment : segments) {
      url.addPathSegment(segment);
    }
    return url.build();
  }

  private Request jsonRequest(HttpUrl url, Session s, String method, ObjectNode body) {
    return new Request.Builder().url(url).header("Authorization", "Bearer " + s.accessToken())
        .header("Accept", "application/json").method(method, RequestBody.create(bytes(body), JSON)).build();
  }

  private static void sleep(Duration wait) {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a Salesforce bulk job", e);
    }
  }

  /** Salesforce's clock when it answered (its {@code Date} header), else ours, should a proxy have dropped it. */
  private Instant answeredAt(Response response) {
    Date date = response.headers().getDate("Date");
    return date != null ? date.toInstant() : clock.instant();
  }

  // ---- HTTP ----

  private interface BodyReader<T> {
    T read(Response response, String text);
  }

  private JsonNode execute(String operation, boolean repeatable, Function<Session, Request> request) {
    return executeRaw(operation, repeatable, request, (response, text) -> parse(text, operation, response));
  }

  /**
   * One call, sent again after passing failures ({@link CallRetries}).
   *
   * @param repeatable whether sending it twice does no harm
   */
  private <T> T executeRaw(String operation, boolean repeatable, Function<Session, Request> request, BodyReader<T> reader) {
    T answer;
    try {
      answer = retries.call("Salesforce", operation, repeatable, () -> executeOnce(operation, request, reader));
    } catch (RuntimeException failed) {
      recordFailure(failed);
      throw failed;
    }
    if (calls != null) {
      calls.succeeded(ConnectedSystem.SALESFORCE, settings.accountId());
    }
    return answer;
  }

  /**
   * Keeps the reason of a failure that says something about the connection (refused credentials, the org
   * unreachable or over its limits); a record's own rejection says nothing about it.
   */
  private void recordFailure(RuntimeException failed) {
    if (calls == null) {
      return;
    }
    RemoteFailures.classify(failed)
        .filter(f -> f.type() == FailureType.AUTH || f.type() == FailureType.REMOTE_UNAVAILABLE
            || f.type() == FailureType.RATE_LIMIT)
        .ifPresent(f -> calls.failed(ConnectedSystem.SALESFORCE, settings.accountId(), f.type(), f.message()));
  }

  private <T> T executeOnce(String operation, Function<Session, Request> request, BodyReader<T> reader) {
    requireAllowanceAboveReserve();
    Session current = session(null);
    try (Response first = call(request.apply(current), operation)) {
      if (first.code() != 401) {
        return finish(first, operation, reader);
      }
      String text = bodyOf(first, operation);
      SalesforceException rejected = Errors.exception(json, operation, first, text, clock);
      if (!"INVALID_SESSION_ID".equals(rejected.code()) && rejected.code() != null) {
        throw rejected;
      }
      log.info("Salesforce session rejected during {}; fetching a new session once", operation);
    }
    Session fresh = session(current);
    try (Response second = call(request.apply(fresh), operation)) {
      return finish(second, operation, reader);
    } catch (SalesforceException rejected) {
      throw rejected.httpStatus() == 401 ? new FreshTokenRejectedException("Salesforce", rejected) : rejected;
    }
  }

  private <T> T finish(Response response, String operation, BodyReader<T> reader) {
    String text = bodyOf(response, operation);
    if (!response.isSuccessful()) {
      throw Errors.exception(json, operation, response, text, clock);
    }
    return reader.read(response, text);
  }

  private JsonNode parse(String text, String operation, Response response) {
    try {
      JsonNode node = json.readTree(text);
      if (node == null) {
        throw new IllegalStateException("Salesforce " + operation + " returned an empty body");
      }
      return node;
    } catch (IOException notJson) {
      throw Errors.exception(json, operation, response, text, clock);
    }
  }

  private Response call(Request request, String operation) {
    Response response = HttpCalls.execute(http, request, "Salesforce", operation);
    Allowance seen = Allowance.of(response.header("Sforce-Limit-Info"), clock.instant());
    if (seen != null) {
      allowance.set(seen);
    }
    return response;
  }

  /** Refuses the call while the latest answer, not older than {@link #ALLOWANCE_TRUSTED_FOR}, left no more than the reserve. */
  private void requireAllowanceAboveReserve() {
    Allowance last = allowance.get();
    if (last == null || apiReservePercent == 0) {
      return;
    }
    Instant checkAgainAt = last.observedAt().plus(ALLOWANCE_TRUSTED_FOR);
    int reserve = reserve(last.limit());
    int left = Math.max(0, last.limit() - last.used());
    if (left <= reserve && clock.instant().isBefore(checkAgainAt)) {
      throw new ApiReserveReachedException(left, last.limit(), reserve, last.observedAt(), checkAgainAt);
    }
  }

  private int reserve(int limit) {
    return (int) Math.ceil(limit * (apiReservePercent / 100.0));
  }

  /** The org's daily API calls used and allowed, as an answer's {@code Sforce-Limit-Info: api-usage=18/15000} says. */
  private record Allowance(int used, int limit, Instant observedAt) {
    private static final Pattern API_USAGE = Pattern.compile("api-usage=(\\d+)/(\\d+)");

    static Allowance of(String header, Instant at) {
      Matcher usage = header == null ? null : API_USAGE.matcher(header);
      if (usage == null || !usage.find()) {
        return null;
      }
      try {
        return new Allowance(Integer.parseInt(usage.group(1)), Integer.parseInt(usage.group(2)), at);
      } catch (NumberFormatException tooLarge) {
        return null;
      }
    }
  }

  private static String bodyOf(Response response, String operation) {
    return HttpCalls.bodyOf(response, "Salesforce", operation);
  }

  private static Request get(HttpUrl url, Session s) {
    return new Request.Builder()
        .url(url)
        .header("Authorization", "Bearer " + s.accessToken())
        .header("Accept", "application/json")
        .get()
        .build();
  }

  private byte[] bytes(JsonNode node) {
    try {
      return json.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot serialize the request body", e);
    }
  }

  private static String textOrNull(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  // ---- session ----

  /** The cached session, or a new one when there is none or {@code rejected} is the cached one. */
  private Session session(Session rejected) {
    Session current = session;
    if (current != null && current != rejected) {
      return current;
    }
    synchronized (sessionLock) {
      if (session != null && session != rejected) {
        return session;
      }
      // A session that was refused is dropped even when no new one comes, so that the next call asks for one
      // again instead of sending the dead one first.
      session = null;
      session = fetchSession();
      return session;
    }
  }

  private Session fetchSession() {
    SalesforceLogin.Token token = login.newToken();
    log.info("Salesforce session opened on {}", token.instanceUrl());
    return new Session(token.accessToken(), token.instanceUrl(), settings.apiVersion(), token.identityUrl());
  }

  /** @param identityUrl who the session is: {@code https://login.salesforce.com/id/<orgId>/<userId>}, if sent */
  private record Session(String accessToken, String instanceUrl, String apiVersion, String identityUrl) {
    String apiBase() {
      return instanceUrl + "/services/data/" + apiVersion;
    }

    @Override
    public String toString() {
      return "Session[instanceUrl=" + instanceUrl + ", accessToken=****]";
    }
  }
}
