package io.ledgerbridge.activities.quickbooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.activities.errors.CallRetries;
import io.ledgerbridge.activities.errors.FreshTokenRejectedException;
import io.ledgerbridge.activities.errors.RemoteFailures;
import io.ledgerbridge.activities.errors.RetryAfter;
import io.ledgerbridge.activities.http.HttpCalls;
import io.ledgerbridge.activities.quickbooks.QuickBooksMeter.CallClass;
import io.ledgerbridge.activities.store.ConnectedSystem;
import io.ledgerbridge.activities.store.ConnectionStore;
import io.ledgerbridge.activities.store.OAuthConnection;
import io.ledgerbridge.workflows.sync.FailureType;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The QuickBooks Online Accounting API v3 for every connected company, and the OAuth 2.0 flow that
 * connects one. Each call carries the company's bearer token from the {@link ConnectionStore},
 * refreshed shortly before it expires and once more on a 401; rotated refresh tokens are saved
 * before the new access token is used. Every call sends {@code minorversion=75}.
 */
public final class QuickBooksClient {
  /** Intuit's largest query page. */
  public static final int MAX_PAGE_SIZE = 1000;
  /** Values per IN list: a sync's batch of 200 is read back in one query whose URL stays short. */
  public static final int VALUES_PER_QUERY = 200;
  static final String MINOR_VERSION = "75";
  static final String SCOPE = "com.intuit.quickbooks.accounting";
  /** Refresh this long before the access token's expiry, so a call never starts with a dying token. */
  static final long REFRESH_SKEW_SECONDS = 300;
  /** Intuit's recommended largest batch (reference §1.8): 30 works and 31 fails. */
  public static final int MAX_BATCH_ITEMS = 30;
  /** Intuit's longest requestid on a batch call. */
  public static final int MAX_BATCH_REQUEST_ID_LENGTH = 36;

  private static final Logger log = LoggerFactory.getLogger(QuickBooksClient.class);
  private static final MediaType JSON = MediaType.get("application/json");
  private static final String THROTTLED = "3001";
  private static final Pattern MAXRESULTS = Pattern.compile("(?i)MAXRESULTS\\s+(\\d+)");

  private final OkHttpClient http;
  private final QuickBooksSettings settings;
  private final ConnectionStore connections;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, Object> refreshLocks = new ConcurrentHashMap<>();
  private final QuickBooksPacing pacing;
  private final QuickBooksMeter meter;
  private final CallRetries retries;

  /** @param limits the turns and the metered reads every worker process shares */
  public QuickBooksClient(
      OkHttpClient http, QuickBooksSettings settings, ConnectionStore connections, QuickBooksLimits limits) {
    this(http, settings, connections, limits, Clock.systemUTC(), CallRetries.standard());
  }

  /** @param retries how calls that failed for a passing reason are sent again */
  public QuickBooksClient(OkHttpClient http, QuickBooksSettings settings, ConnectionStore connections,
      QuickBooksLimits limits, CallRetries retries) {
    this(http, settings, connections, limits, Clock.systemUTC(), retries);
  }

  /** @param clock the time tokens expire by */
  QuickBooksClient(OkHttpClient http, QuickBooksSettings settings, ConnectionStore connections,
      QuickBooksLimits limits, Clock clock, CallRetries retries) {
    this.http = Objects.requireNonNull(http, "http");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.connections = Objects.requireNonNull(connections, "connections");
    this.pacing = limits.pacing;
    this.meter = limits.meter;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.retries = Objects.requireNonNull(retries, "retries");
  }

  // ---- connecting a company ----

  /** Where the admin's "Connect QuickBooks" button sends the browser; {@code state} comes back on the callback. */
  public String authorizationUrl(String state) {
    return HttpUrl.get(settings.authorizeUrl())
        .newBuilder()
        .addQueryParameter("client_id", settings.clientId())
        .addQueryParameter("response_type", "code")
        .addQueryParameter("scope", SCOPE)
        .addQueryParameter("redirect_uri", settings.redirectUri())
        .addQueryParameter("state", state)
        .build()
        .toString();
  }

  /**
   * Exchanges the callback's authorization code for tokens and stores them for {@code realmId},
   * replacing any earlier connection of that company.
   *
   * @throws QuickBooksAuthException when Intuit refuses the code or the client credentials
   */
  public void completeAuthorization(String code, String realmId) {
    requireText(code, "code");
    requireText(realmId, "realmId");
    Instant now = clock.instant();
    TokenResponse tokens =
        tokenRequest(
            realmId,
            new FormBody.Builder()
                .add("grant_type", "authorization_code")
                .add("code", code)
                .add("redirect_uri", settings.redirectUri())
                .build());
    connections.save(tokens.toConnection(realmId, null, now));
    log.info("QuickBooks company {} connected", realmId);
  }

  /** Whether tokens are stored for the company. */
  public boolean isConnected(String realmId) {
    return connections.isConnected(ConnectedSystem.QUICKBOOKS, realmId);
  }

  /**
   * Disconnects a company: revokes its refresh token at Intuit, which ends its access tokens too, then
   * forgets the stored connection. A company whose refresh token Intuit already refused has nothing left
   * to revoke, and Intuit answering that the token is unknown means it is dead already: both are forgotten.
   *
   * @return whether a token was revoked at Intuit
   * @throws QuickBooksNotConnectedException when nothing is stored for the company
   * @throws QuickBooksAuthException when Intuit refuses LedgerBridge's client credentials; nothing is forgotten
   * @throws QuickBooksException when Intuit cannot be reached or fails; nothing is forgotten
   */
  public boolean disconnect(String realmId) {
    requireText(realmId, "realmId");
    synchronized (lock(realmId)) {
      OAuthConnection stored =
          connections
              .find(ConnectedSystem.QUICKBOOKS, realmId)
              .orElseThrow(() -> new QuickBooksNotConnectedException(realmId));
      boolean revoked = stored.refreshToken() != null && revokeAtIntuit(realmId, stored.refreshToken());
      connections.delete(ConnectedSystem.QUICKBOOKS, realmId);
      log.info("QuickBooks company {} disconnected (token revoked at Intuit: {})", realmId, revoked);
      return revoked;
    }
  }

  /** @return true when Intuit revoked the token, false when it no longer knew it */
  private boolean revokeAtIntuit(String realmId, String refreshToken) {
    byte[] payload;
    try {
      payload = json.writeValueAsBytes(Map.of("token", refreshToken));
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the revoke request", e);
    }
    Request request =
        new Request.Builder()
            .url(settings.revokeUrl())
            .header("Authorization", Credentials.basic(settings.clientId(), settings.clientSecret()))
            .header("Accept", "application/json")
            .post(RequestBody.create(payload, JSON))
            .build();
    String operation = "token revocation for company " + realmId;
    try (Response response = call(request, operation)) {
      String body = bodyOf(response, operation);
      if (response.isSuccessful()) {
        return true;
      }
      JsonNode node = null;
      try {
        node = body.isBlank() ? null : json.readTree(body);
      } catch (IOException notJson) {
        // handled below
      }
      String error = node == null ? null : textOrNull(node, "error");
      if (response.code() == 401 || "invalid_client".equals(error)) {
        throw new QuickBooksAuthException(realmId, response.code(), "invalid_client", null);
      }
      if (response.code() == 400) {
        return false;
      }
      throw fault(response, operation, body);
    }
  }

  // ---- data ----

  /**
   * Runs one query as given (the caller adds STARTPOSITION/MAXRESULTS) and returns the records
   * of {@code entity}.
   */
  public QueryPage query(String realmId, String entity, String query) {
    JsonNode body =
        read(realmId, "query " + entity, token -> get(url(realmId, "query").addQueryParameter("query", query).build(), token));
    JsonNode response = body.path("QueryResponse");
    List<ObjectNode> records = new ArrayList<>();
    JsonNode array = response.get(entity);
    if (array != null && array.isArray()) {
      array.forEach(node -> records.add((ObjectNode) node));
    }
    Integer total = response.has("totalCount") ? response.get("totalCount").asInt() : null;
    int start = response.path("startPosition").asInt(1);
    return new QueryPage(entity, List.copyOf(records), start, requestedSize(query), total, answeredAt(body));
  }

  /**
   * One page of {@code SELECT * FROM entity <clauses> STARTPOSITION start MAXRESULTS size}.
   *
   * @param clauses WHERE and ORDERBY clauses, or empty
   * @param startPosition 1-based
   * @param size at most {@link #MAX_PAGE_SIZE}
   */
  public QueryPage queryPage(String realmId, String entity, String clauses, int startPosition, int size) {
    if (startPosition < 1) {
      throw new IllegalArgumentException("startPosition is 1-based: " + startPosition);
    }
    if (size < 1 || size > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException("page size must be 1.." + MAX_PAGE_SIZE + ": " + size);
    }
    String query =
        "SELECT * FROM "
            + entity
            + (clauses == null || clauses.isBlank() ? "" : " " + clauses.trim())
            + " STARTPOSITION "
            + startPosition
            + " MAXRESULTS "
            + size;
    QueryPage page = query(realmId, entity, query);
    return new QueryPage(entity, page.records(), startPosition, size, page.totalCount(), page.answeredAt());
  }

  /**
   * How many records {@code SELECT COUNT(*) FROM entity WHERE conditions} counts.
   *
   * @param conditions the WHERE conditions without the keyword, or empty for every record
   */
  public int count(String realmId, String entity, String conditions) {
    String query = "SELECT COUNT(*) FROM " + entity + (conditions == null || conditions.isBlank() ? "" : " WHERE " + conditions);
    Integer total = query(realmId, entity, query).totalCount();
    if (total == null) {
      throw new IllegalStateException("QuickBooks answered " + query + " without a totalCount");
    }
    return total;
  }

  /** Every record matching {@code clauses}, read page by page with STARTPOSITION; for small sets. */
  public List<ObjectNode> queryAll(String realmId, String entity, String clauses) {
    List<ObjectNode> all = new ArrayList<>();
    int start = 1;
    while (true) {
      QueryPage page = queryPage(realmId, entity, clauses, start, MAX_PAGE_SIZE);
      all.addAll(page.records());
      if (!page.hasMore()) {
        return all;
      }
      start += page.records().size();
    }
  }

  /** Reads one entity by id, e.g. {@code read(realm, "Customer", "1")}. */
  public ObjectNode read(String realmId, String entity, String id) {
    JsonNode body =
        read(realmId, "read " + entity + " " + id, token -> get(url(realmId, resource(entity)).addPathSegment(id).build(), token));
    return (ObjectNode) body.get(entity);
  }

  /**
   * Creates (no {@code Id}) or updates ({@code Id} and current {@code SyncToken}) an entity and
   * returns it as stored; {@code requestId} (at most 50 characters) makes a retried create safe.
   */
  public ObjectNode save(String realmId, String entity, ObjectNode body, String requestId) {
    HttpUrl.Builder url = url(realmId, resource(entity));
    if (requestId != null) {
      if (requestId.length() > 50) {
        throw new IllegalArgumentException("QBO requestid is at most 50 characters: " + requestId);
      }
      url.addQueryParameter("requestid", requestId);
    }
    HttpUrl target = url.build();
    byte[] payload;
    try {
      payload = json.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot serialize the " + entity, e);
    }
    JsonNode response =
        execute(
            realmId,
            "save " + entity,
            // A create repeats safely under its requestid; an update carries its SyncToken, so a
            // repeat after a lost answer is refused as stale and re-read by the caller.
            requestId != null || body.has("Id"),
            CallClass.CORE,
            false,
            token ->
                authorized(new Request.Builder().url(target), token)
                    .post(RequestBody.create(payload, JSON))
                    .build());
    return (ObjectNode) response.get(entity);
  }

  /**
   * Sends up to {@link #MAX_BATCH_ITEMS} creates, updates, deletes and voids in one {@code /batch} call under {@code
   * requestId} (at most 36 characters). Sent again with the same requestid and bIds, QuickBooks answers
   * as it did the first time instead of doing the work again, so a batch cut off by a crash is safe to
   * send again. Each item succeeds or fails on its own; QuickBooks does not keep their order.
   *
   * @return each item's answer by bId
   */
  public Map<String, BatchAnswer> batch(String realmId, String requestId, List<BatchItem> items) {
    requireText(requestId, "requestId");
    if (requestId.length() > MAX_BATCH_REQUEST_ID_LENGTH) {
      throw new IllegalArgumentException(
          "a batch requestid is at most " + MAX_BATCH_REQUEST_ID_LENGTH + " characters: " + requestId);
    }
    if (items.isEmpty() || items.size() > MAX_BATCH_ITEMS) {
      throw new IllegalArgumentException("a batch holds 1.." + MAX_BATCH_ITEMS + " items: " + items.size());
    }
    Map<String, BatchItem> byBId = new java.util.LinkedHashMap<>();
    ObjectNode request = json.createObjectNode();
    var array = request.putArray("BatchItemRequest");
    for (BatchItem item : items) {
      if (byBId.put(item.bId(), item) != null) {
        throw new IllegalArgumentException("two batch items share the bId " + item.bId());
      }
      ObjectNode node = array.addObject();
      node.put("bId", item.bId());
      if (item.operation().equals("void")) {
        // Intuit's batch voids with an update whose optionsData says so.
        node.put("operation", "update");
        node.put("optionsData", "void");
      } else {
        node.put("operation", item.operation());
      }
      node.set(item.entity(), item.body());
    }
    byte[] payload;
    try {
      payload = json.writeValueAsBytes(request);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot serialize the batch", e);
    }
    HttpUrl target = url(realmId, "batch").addQueryParameter("requestid", requestId).build();
    String what = "batch of " + items.size() + " " + items.get(0).entity() + " writes";
    JsonNode response =
        execute(realmId, what, true, CallClass.CORE, true,
            token -> authorized(new Request.Builder().url(target), token).post(RequestBody.create(payload, JSON)).build());
    Map<String, BatchAnswer> answers = new java.util.LinkedHashMap<>();
    for (JsonNode answer : response.path("BatchItemResponse")) {
      BatchItem item = byBId.get(answer.path("bId").asText());
      if (item == null) {
        continue;
      }
      String operation = item.operation() + " " + item.entity() + " (batch item " + item.bId() + ") for company " + realmId;
      JsonNode fault = answer.get("Fault");
      if (fault != null) {
        answers.put(item.bId(), new BatchAnswer(item.bId(), null, Faults.batchItem(operation, fault, null)));
      } else if (answer.get(item.entity()) instanceof ObjectNode saved) {
        answers.put(item.bId(), new BatchAnswer(item.bId(), saved, null));
      }
    }
    for (BatchItem item : items) {
      if (!answers.containsKey(item.bId())) {
        // Intuit answers every item; one left out did not happen, and is worth sending again.
        answers.put(item.bId(), new BatchAnswer(item.bId(), null, new QuickBooksException(what + " for company " + realmId,
            500, null, null, "QuickBooks answered nothing for batch item " + item.bId(), null, null, null, null)));
      }
    }
    return answers;
  }

  /**
   * Change data capture: the entities changed since {@code changedSince} (at most 30 days back, 1000
   * objects per answer), deleted ones as tombstones with {@code "status":"Deleted"}.
   *
   */
  public ChangeCapture changes(String realmId, List<String> entities, String changedSince) {
    JsonNode body =
        read(
            realmId,
            "change data capture of " + String.join(",", entities),
            token ->
                get(
                    url(realmId, "cdc")
                        .addQueryParameter("entities", String.join(",", entities))
                        .addQueryParameter("changedSince", changedSince)
                        .build(),
                    token));
    Map<String, List<ObjectNode>> changes = new java.util.LinkedHashMap<>();
    for (JsonNode response : body.path("CDCResponse")) {
      for (JsonNode query : response.path("QueryResponse")) {
        for (String entity : entities) {
          JsonNode records = query.get(entity);
          if (records != null && records.isArray()) {
            records.forEach(r -> changes.computeIfAbsent(entity, e -> new ArrayList<>()).add((ObjectNode) r));
          }
        }
      }
    }
    return new ChangeCapture(changes, answeredAt(body));
  }

  /** The envelope's {@code time}, e.g. {@code 2015-07-28T14:07:17.242-07:00}, or null when absent or unreadable. */
  private static Instant answeredAt(JsonNode body) {
    JsonNode time = body.get("time");
    if (time == null || !time.isTextual()) {
      return null;
    }
    try {
      return java.time.OffsetDateTime.parse(time.asText()).toInstant();
    } catch (java.time.format.DateTimeParseException unreadable) {
      return null;
    }
  }

  /** Escapes a value for a quoted literal in a QBO query: {@code '} becomes {@code \'}. */
  public static String quote(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /**
   * {@code WHERE <field> IN (<values>) [AND <condition>]}, one clause per {@link #VALUES_PER_QUERY}
   * values, each quoted.
   */
  public static List<String> inClauses(String field, List<String> values, String condition) {
    List<String> clauses = new ArrayList<>();
    for (int from = 0; from < values.size(); from += VALUES_PER_QUERY) {
      String in = values.subList(from, Math.min(values.size(), from + VALUES_PER_QUERY)).stream()
          .map(QuickBooksClient::quote).collect(Collectors.joining(", "));
      clauses.add("WHERE " + field + " IN (" + in + ")" + (condition == null ? "" : " AND " + condition));
    }
    return clauses;
  }

  // ---- HTTP ----

  /**
   * One call, sent again after passing failures ({@link CallRetries}).
   *
   * @param repeatable whether sending it twice does no harm: every call but a create without requestid
   */
  /** A read (CorePlus, metered), sent again after passing failures. */
  private JsonNode read(String realmId, String what, Function<String, Request> request) {
    meter.beforeRead(realmId);
    return execute(realmId, what, true, CallClass.CORE_PLUS, false, request);
  }

  /**
   * @param callClass how Intuit meters the call
   * @param batch whether the call is a {@code /batch} call, which also takes one of the company's batch turns
   */
  private JsonNode execute(String realmId, String what, boolean repeatable, CallClass callClass, boolean batch,
      Function<String, Request> request) {
    String operation = what + " for company " + realmId;
    JsonNode answer;
    try {
      answer = retries.call("QuickBooks", operation, repeatable, () -> executeOnce(realmId, operation, batch, request));
    } catch (RuntimeException failed) {
      recordFailure(realmId, failed);
      throw failed;
    }
    connections.calls().succeeded(ConnectedSystem.QUICKBOOKS, realmId);
    meter.counted(realmId, callClass);
    return answer;
  }

  /**
   * Keeps the reason of a failure that says something about the connection (refused credentials, Intuit
   * unreachable or throttling); a record's own rejection says nothing about it, and a company that needs
   * re-authorization shows that reason already.
   */
  private void recordFailure(String realmId, RuntimeException failed) {
    if (failed instanceof QuickBooksReauthorizationNeededException) {
      return;
    }
    RemoteFailures.classify(failed)
        .filter(f -> f.type() == FailureType.AUTH || f.type() == FailureType.REMOTE_UNAVAILABLE
            || f.type() == FailureType.RATE_LIMIT)
        .ifPresent(f -> connections.calls().failed(ConnectedSystem.QUICKBOOKS, realmId, f.type(), f.message()));
  }

  private JsonNode executeOnce(String realmId, String operation, boolean batch, Function<String, Request> request) {
    String token = accessToken(realmId);
    pacing.awaitTurn(realmId, batch);
    try (Response first = call(request.apply(token), operation)) {
      if (first.code() != 401) {
        return answer(realmId, first, operation);
      }
      log.info("QuickBooks answered 401 for company {} ({}); refreshing the token once", realmId, operation);
    }
    String fresh = refreshAfterRejection(realmId, token);
    pacing.awaitTurn(realmId, batch);
    try (Response second = call(request.apply(fresh), operation)) {
      return answer(realmId, second, operation);
    } catch (QuickBooksException rejected) {
      throw rejected.httpStatus() == 401 ? new FreshTokenRejectedException("QuickBooks", rejected) : rejected;
    }
  }

  private JsonNode answer(String realmId, Response response, String operation) {
    String body = bodyOf(response, operation);
    JsonNode node = null;
    if (response.isSuccessful()) {
      try {
        node = json.readTree(body);
      } catch (IOException notJson) {
        // a fault below
      }
    }
    if (node == null || Faults.isFault(node)) {
      QuickBooksException fault = fault(response, operation, body);
      if (fault.httpStatus() == 429 || THROTTLED.equals(fault.code())) {
        pacing.throttled(realmId, fault.retryAfter() != null ? fault.retryAfter() : RemoteFailures.QUICKBOOKS_THROTTLE_DELAY);
      }
      throw fault;
    }
    return node;
  }

  private QuickBooksException fault(Response response, String operation, String body) {
    return Faults.parse(
        json,
        operation,
        response.code(),
        body,
        response.header("intuit_tid"),
        RetryAfter.parse(response.header("Retry-After"), clock));
  }

  private Response call(Request request, String operation) {
    return HttpCalls.execute(http, request, "QuickBooks", operation);
  }

  private static String bodyOf(Response response, String operation) {
    return HttpCalls.bodyOf(response, "QuickBooks", operation);
  }

  private Request get(HttpUrl url, String token) {
    return authorized(new Request.Builder().url(url), token).get().build();
  }

  private static Request.Builder authorized(Request.Builder builder, String token) {
    return builder.header("Authorization", "Bearer " + token).header("Accept", "application/json");
  }

  private HttpUrl.Builder url(String realmId, String path) {
    return HttpUrl.get(settings.apiBaseUrl())
        .newBuilder()
        .addPathSegments("v3/company")
        .addPathSegment(realmId)
        .addPathSegment(path)
        .addQueryParameter("minorversion", MINOR_VERSION);
  }

  private static String resource(String entity) {
    return entity.toLowerCase(Locale.ROOT);
  }

  private static int requestedSize(String query) {
    var m = MAXRESULTS.matcher(query);
    return m.find() ? Integer.parseInt(m.group(1)) : 100;
  }

  // ---- tokens ----

  /** A bearer token valid for a while yet, refreshed first when it is about to expire. */
  private String accessToken(String realmId) {
    synchronized (lock(realmId)) {
      OAuthConnection stored = stored(realmId);
      if (!stored.accessTokenExpiresWithin(clock.instant(), REFRESH_SKEW_SECONDS)) {
        return stored.accessToken();
      }
      return refresh(stored).accessToken();
    }
  }

  /** After a 401: refresh, unless another caller already replaced the rejected token. */
  private String refreshAfterRejection(String realmId, String rejected) {
    synchronized (lock(realmId)) {
      OAuthConnection stored = stored(realmId);
      if (stored.accessToken() != null
          && !stored.accessToken().equals(rejected)
          && !stored.accessTokenExpiresWithin(clock.instant(), 0)) {
        return stored.accessToken();
      }
      return refresh(stored).accessToken();
    }
  }

  private OAuthConnection refresh(OAuthConnection stored) {
    String realmId = stored.accountId();
    Instant now = clock.instant();
    TokenResponse tokens;
    try {
      tokens =
          tokenRequest(
              realmId,
              new FormBody.Builder()
                  .add("grant_type", "refresh_token")
                  .add("refresh_token", stored.refreshToken())
                  .build());
    } catch (QuickBooksAuthException refused) {
      // Another worker may have rotated the refresh token since we read it: use theirs.
      Optional<OAuthConnection> latest = connections.find(ConnectedSystem.QUICKBOOKS, realmId);
      if (latest.isPresent()
          && !Objects.equals(latest.get().refreshToken(), stored.refreshToken())
          && !latest.get().accessTokenExpiresWithin(now, 0)) {
        return latest.get();
      }
      log.warn("QuickBooks refused the refresh token of company {}: {}", realmId, refused.error());
      if ("invalid_grant".equals(refused.error())
          && connections.markNeedsReauthorization(stored, refused.getMessage())) {
        log.warn("QuickBooks company {} now needs re-authorization; nothing is sent for it until an admin reconnects it",
            realmId);
      }
      throw refused;
    }
    OAuthConnection next = tokens.toConnection(realmId, stored.refreshToken(), now);
    Optional<OAuthConnection> saved = connections.replaceTokens(stored, next);
    if (saved.isEmpty()) {
      // Another worker refreshed at the same time and stored its tokens; ours work as well.
      log.info("QuickBooks tokens of company {} were rotated concurrently; keeping the stored ones", realmId);
      return next;
    }
    log.info("QuickBooks access token of company {} refreshed", realmId);
    return saved.get();
  }

  private OAuthConnection stored(String realmId) {
    OAuthConnection stored =
        connections
            .find(ConnectedSystem.QUICKBOOKS, realmId)
            .orElseThrow(() -> new QuickBooksNotConnectedException(realmId));
    if (stored.refreshToken() == null) {
      throw connections
          .reauthorization(ConnectedSystem.QUICKBOOKS, realmId)
          .<RuntimeException>map(needed -> new QuickBooksReauthorizationNeededException(realmId, needed))
          .orElseGet(() -> new QuickBooksNotConnectedException(realmId));
    }
    return stored;
  }

  private TokenResponse tokenRequest(String realmId, FormBody form) {
    Request request =
        new Request.Builder()
            .url(settings.tokenUrl())
            .header("Authorization", Credentials.basic(settings.clientId(), settings.clientSecret()))
            .header("Accept", "application/json")
            .post(form)
            .build();
    String operation = "token request";
    try (Response response = call(request, operation)) {
      String body = bodyOf(response, operation);
      JsonNode node = null;
      try {
        node = body.isBlank() ? null : json.readTree(body);
      } catch (IOException notJson) {
        // handled below
      }
      if (response.isSuccessful() && node != null && node.hasNonNull("access_token")) {
        return TokenResponse.of(node);
      }
      String error = node == null ? null : textOrNull(node, "error");
      if (error != null && response.code() >= 400 && response.code() < 500) {
        throw new QuickBooksAuthException(realmId, response.code(), error, textOrNull(node, "error_description"));
      }
      if (response.code() == 401) {
        throw new QuickBooksAuthException(realmId, 401, "invalid_client", null);
      }
      throw Faults.parse(
          json,
          operation,
          response.code(),
          body,
          response.header("intuit_tid"),
          RetryAfter.parse(response.header("Retry-After"), clock));
    }
  }

  private static String textOrNull(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private Object lock(String realmId) {
    return refreshLocks.computeIfAbsent(realmId, id -> new Object());
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
  }

  /** Intuit's token response; refresh tokens rotate, so the new one replaces the old when present. */
  private record TokenResponse(
      String accessToken, long expiresIn, String refreshToken, Long refreshExpiresIn) {

    static TokenResponse of(JsonNode node) {
      return new TokenResponse(
          node.get("access_token").asText(),
          node.path("expires_in").asLong(3600),
          node.hasNonNull("refresh_token") ? node.get("refresh_token").asText() : null,
          node.hasNonNull("x_refresh_token_expires_in") ? node.get("x_refresh_token_expires_in").asLong() : null);
    }

    OAuthConnection toConnection(String realmId, String previousRefreshToken, Instant now) {
      String refresh = refreshToken != null ? refreshToken : previousRefreshToken;
      if (refresh == null) {
        throw new QuickBooksAuthException(realmId, 200, "no_refresh_token", "the token response held no refresh token");
      }
      return new OAuthConnection(
          ConnectedSystem.QUICKBOOKS,
          realmId,
          accessToken,
          now.plusSeconds(expiresIn),
          refresh,
          refreshExpiresIn == null ? null : now.plusSeconds(refreshExpiresIn),
          null,
          null);
    }

    @Override
    public String toString() {
      return "TokenResponse[****]";
    }
  }
}
