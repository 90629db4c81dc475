package io.ledgerbridge.sandbox.salesforce;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.http.Handler;
import io.ledgerbridge.sandbox.http.Json;
import io.ledgerbridge.sandbox.http.Request;
import io.ledgerbridge.sandbox.http.Response;
import io.ledgerbridge.sandbox.http.Router;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The REST API under {@code /services/data/vXX.X}: query and queryAll with cursors, sObject CRUD, read and
 * upsert by External ID, sObject Collections (see {@link SObjectCollections}), Bulk API 2.0 ingest
 * ({@link BulkIngest}), replication ({@link Replication}), describe, limits and the resource directory.
 */
final class SalesforceRestEndpoints {
  private static final String BASE = "/services/data/{version}";
  private static final int DEFAULT_BATCH_SIZE = 2000;
  private static final int MIN_BATCH_SIZE = 200;

  private final SalesforceOrg org;
  private final QueryCursors cursors;
  private final Clock clock;
  private final ApiUsage usage;
  private final SObjectCollections collections;
  private final Replication replication;
  private final BulkIngest bulk;
  private final Supplier<String> baseUrl;

  SalesforceRestEndpoints(SalesforceOrg org, QueryCursors cursors, Clock clock, ApiUsage usage, Supplier<String> baseUrl) {
    this.org = org;
    this.baseUrl = baseUrl;
    this.cursors = cursors;
    this.clock = clock;
    this.usage = usage;
    this.collections = new SObjectCollections(org, this::foreignKey);
    this.replication = new Replication(org, clock);
    this.bulk = new BulkIngest(org, collections, clock);
  }

  /** Forgets the org's bulk jobs; the org, cursors and usage are reset by their owners. */
  void reset() {
    bulk.clear();
  }

  void register(Router router) {
    router.add("GET", "/services/data", request -> Response.json(200, ApiVersions.list()));
    router.add("GET", BASE, guarded(this::directory));
    router.add("GET", BASE + "/limits", guarded(this::limits));
    router.add("GET", BASE + "/query", guarded(request -> query(request, false)));
    router.add("GET", BASE + "/queryAll", guarded(request -> query(request, true)));
    router.add("GET", BASE + "/query/{locator}", guarded(this::nextPage));
    router.add("GET", BASE + "/queryAll/{locator}", guarded(this::nextPage));
    router.add("GET", BASE + "/sobjects", guarded(this::describeGlobal));
    router.add("GET", BASE + "/sobjects/{type}", guarded(this::basicInfo));
    router.add("POST", BASE + "/sobjects/{type}", guarded(this::create));
    router.add("GET", BASE + "/sobjects/{type}/describe", guarded(this::describe));
    router.add("GET", BASE + "/sobjects/{type}/updated", guarded(replication::updated));
    router.add("GET", BASE + "/sobjects/{type}/deleted", guarded(replication::deleted));
    router.add("GET", BASE + "/sobjects/{type}/{id}", guarded(this::read));
    router.add("PATCH", BASE + "/sobjects/{type}/{id}", guarded(this::update));
    router.add("DELETE", BASE + "/sobjects/{type}/{id}", guarded(this::delete));
    router.add("GET", BASE + "/sobjects/{type}/{field}/{value}", guarded(this::readByExternalId));
    router.add("PATCH", BASE + "/sobjects/{type}/{field}/{value}", guarded(this::upsert));
    router.add("POST", BASE + "/composite/sobjects", guarded(collections::create));
    router.add("PATCH", BASE + "/composite/sobjects", guarded(collections::update));
    router.add("DELETE", BASE + "/composite/sobjects", guarded(collections::delete));
    router.add("GET", BASE + "/composite/sobjects/{type}", guarded(collections::retrieve));
    router.add("PATCH", BASE + "/composite/sobjects/{type}/{field}", guarded(collections::upsert));
    bulk.register(router, BASE, SalesforceRestEndpoints::guarded);
  }

  /** Resolves the API version and turns thrown Salesforce errors into their REST bodies. */
  private static Handler guarded(Handler handler) {
    return request -> {
      try {
        if (ApiVersions.parse(request.pathVariable("version")) < 0) {
          throw SalesforceException.notFound();
        }
        return handler.handle(request);
      } catch (SalesforceException e) {
        return e.toResponse();
      } catch (Json.MalformedJsonException e) {
        return SalesforceException.jsonParser(e.getMessage()).toResponse();
      }
    };
  }

  private Response directory(Request request) {
    String base = "/services/data/" + request.pathVariable("version");
    ObjectNode body = Json.object();
    for (String resource : List.of("limits", "query", "queryAll", "sobjects", "composite")) {
      body.put(resource, base + "/" + resource);
    }
    // Salesforce lists the Identity URL here too, absolute, on the login host (what force-rest-api's getIdentity reads).
    body.put("identity", SalesforceIdentity.url(baseUrl.get()));
    return Response.json(200, body);
  }

  private Response limits(Request request) {
    ObjectNode body = Json.object();
    body.putObject("DailyApiRequests").put("Max", usage.limit()).put("Remaining", usage.remaining());
    return Response.json(200, body);
  }

  // ---- query ---------------------------------------------------------------------------------------

  /**
   * The live records a query can match: looked up by key when it names its ids and all of them
   * exist as given (in id order, as a scan would return them), otherwise every record.
   */
  private List<SfRecord> candidates(SoqlQuery query) {
    if (query.ids() != null) {
      List<SfRecord> byId = new ArrayList<>(query.ids().size());
      for (String id : query.ids()) {
        SfRecord record = org.get(query.type(), id);
        if (record == null) {
          // An id spelled differently (15 characters, other case) or gone: the scan decides.
          return new ArrayList<>(org.live(query.type()));
        }
        byId.add(record);
      }
      return byId;
    }
    return new ArrayList<>(org.live(query.type()));
  }

  private Response query(Request request, boolean includeDeleted) {
    String soql = request.query("q");
    if (soql == null || soql.isBlank()) {
      throw SalesforceException.malformedQuery("\n\n^\nERROR at Row:1:Column:1\nunexpected token: <EOF>");
    }
    SoqlQuery query = SoqlQuery.parse(soql, org, clock.instant());
    List<SfRecord> source = includeDeleted ? org.liveAndDeleted(query.type()) : candidates(query);
    Stream<SfRecord> matches = source.stream().filter(query.where());
    if (query.order() != null) {
      matches = matches.sorted(query.order());
    }
    matches = matches.skip(query.offset());
    if (query.limit() != null) {
      matches = matches.limit(query.limit());
    }
    List<SfRecord> records = matches.toList();
    if (query.count()) {
      ObjectNode body = Json.object();
      body.put("totalSize", records.size());
      body.put("done", true);
      body.putArray("records");
      return Response.json(200, body);
    }
    String version = request.pathVariable("version");
    int batchSize = batchSize(request);
    if (records.size() <= batchSize) {
      return Response.json(200, page(records, query.columns(), 0, batchSize, version, null));
    }
    String locator = cursors.open(records, query.columns(), batchSize);
    return Response.json(200, page(records, query.columns(), 0, batchSize, version, locator));
  }

  /** {@code GET .../query/01g...-2000}: the page of a cursor starting at the given offset. */
  private Response nextPage(Request request) {
    String token = request.pathVariable("locator");
    int dash = token.lastIndexOf('-');
    QueryCursors.Cursor cursor = dash < 0 ? null : cursors.use(token.substring(0, dash));
    int offset;
    try {
      offset = dash < 0 ? -1 : Integer.parseInt(token.substring(dash + 1));
    } catch (NumberFormatException e) {
      offset = -1;
    }
    if (cursor == null || offset < 0 || offset > cursor.records().size()) {
      throw new SalesforceException(400, "INVALID_QUERY_LOCATOR", "invalid query locator", null);
    }
    return Response.json(200, page(cursor.records(), cursor.columns(), offset, cursor.batchSize(),
        request.pathVariable("version"), token.substring(0, dash)));
  }

  private ObjectNode page(List<SfRecord> records, List<SoqlQuery.Column> columns, int offset, int batchSize,
      String version, String locator) {
    int end = Math.min(records.size(), offset + batchSize);
    ObjectNode body = Json.object();
    body.put("totalSize", records.size());
    body.put("done", end >= records.size());
    if (end < records.size()) {
      body.put("nextRecordsUrl", "/services/data/" + version + "/query/" + locator + "-" + end);
    }
    ArrayNode array = body.putArray("records");
    for (SfRecord record : records.subList(offset, end)) {
      array.add(row(record, columns, version));
    }
    return body;
  }

  /**
   * A query row: the record's attributes and fields, and for parent fields a nested object named after the
   * relationship (null when the lookup is empty), as Salesforce nests them.
   */
  private ObjectNode row(SfRecord record, List<SoqlQuery.Column> columns, String version) {
    ObjectNode node = record.toJson(List.of(), version);
    for (SoqlQuery.Column column : columns) {
      if (column.lookup() == null) {
        SfRecord.putValue(node, column.field().name(), record.get(column.field().name()));
        continue;
      }
      String relationship = column.lookup().relationshipName();
      if (!node.has(relationship)) {
        Object parentId = record.get(column.lookup().name());
        SfRecord parent = parentId == null ? null : org.get(column.parent(), (String) parentId);
        if (parent == null) {
          node.putNull(relationship);
        } else {
          node.set(relationship, parent.toJson(List.of(), version));
        }
      }
      if (node.get(relationship).isObject()) {
        SfRecord.putValue((ObjectNode) node.get(relationship), column.field().name(), column.valueIn(record, org));
      }
    }
    return node;
  }

  /** {@code Sforce-Query-Options: batchSize=n}: 200 to 2000, default 2000; a bad value falls back to the default. */
  private static int batchSize(Request request) {
    String options = request.header("Sforce-Query-Options");
    if (options == null) {
      return DEFAULT_BATCH_SIZE;
    }
    for (String option : options.split("[,;]")) {
      String[] pair = option.trim().split("=", 2);
      if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("batchSize")) {
        try {
          int size = Integer.parseInt(pair[1].trim());
          return Math.max(MIN_BATCH_SIZE, Math.min(DEFAULT_BATCH_SIZE, size));
        } catch (NumberFormatException e) {
          return DEFAULT_BATCH_SIZE;
        }
      }
    }
    return DEFAULT_BATCH_SIZE;
  }

  // ---- sObject CRUD --------------------------------------------------------------------------------

  private Response create(Request request) {
    SObjectType type = RestSupport.type(org, request);
    Map<String, Object> values = RecordInput.parse(type, RestSupport.objectBody(request), RecordInput.Mode.CREATE, Set.of(), this::foreignKey, org.schema());
    SfRecord created = org.insert(type, values);
    return Response.json(201, RestSupport.saveResult(created.id(), null));
  }

  private Response read(Request request) {
    SObjectType type = RestSupport.type(org, request);
    String rawId = request.pathVariable("id");
    String id = SalesforceIds.normalize(rawId);
    if (id == null) {
      // Salesforce reads a non-id segment as an External-ID field name with a missing value.
      throw new SalesforceException(404, "NOT_FOUND", "Provided external ID field does not exist or is not accessible: "
          + rawId, null);
    }
    SfRecord record = org.requireLive(type, id);
    return Response.json(200, record.toJson(selectedFields(type, request.query("fields")), request.pathVariable("version")));
  }

  private Response update(Request request) {
    SObjectType type = RestSupport.type(org, request);
    String id = requireId(request.pathVariable("id"));
    Map<String, Object> changes = RecordInput.parse(type, RestSupport.objectBody(request), RecordInput.Mode.UPDATE, Set.of(), this::foreignKey, org.schema());
    org.update(type, id, changes);
    return Response.empty(204);
  }

  private Response delete(Request request) {
    SObjectType type = RestSupport.type(org, request);
    org.delete(type, requireId(request.pathVariable("id")));
    return Response.empty(204);
  }

  private Response readByExternalId(Request request) {
    SObjectType type = RestSupport.type(org, request);
    FieldDef field = RestSupport.externalIdField(type, request.pathVariable("field"));
    List<SfRecord> matches = org.findByExternalId(type, field, request.pathVariable("value"));
    String version = request.pathVariable("version");
    if (matches.isEmpty()) {
      throw SalesforceException.notFound();
    }
    if (matches.size() > 1) {
      return multipleChoices(matches, version);
    }
    return Response.json(200, matches.get(0).toJson(selectedFields(type, request.query("fields")), version));
  }

  /**
   * Upsert by External ID (reference §3): 201 created; on one match 200 with {@code created:false} from API
   * 46 (204 before); 300 on several matches; {@code updateOnly=true} refuses to create.
   */
  private Response upsert(Request request) {
    SObjectType type = RestSupport.type(org, request);
    FieldDef field = RestSupport.externalIdField(type, request.pathVariable("field"));
    String value = request.pathVariable("value");
    int version = ApiVersions.parse(request.pathVariable("version"));
    Set<String> forbidden = Set.of("id", field.name().toLowerCase(Locale.ROOT));
    Map<String, Object> values = RecordInput.parse(type, RestSupport.objectBody(request), RecordInput.Mode.CREATE, forbidden, this::foreignKey, org.schema());
    boolean updateOnly = "true".equalsIgnoreCase(request.query("updateOnly"));
    return org.locked(() -> {
      List<SfRecord> matches = org.findByExternalId(type, field, value);
      if (matches.size() > 1) {
        return multipleChoices(matches, request.pathVariable("version"));
      }
      if (matches.isEmpty()) {
        if (updateOnly) {
          throw SalesforceException.notFound();
        }
        Map<String, Object> withKey = new HashMap<>(values);
        withKey.put(field.name(), RecordInput.convert(field, Json.MAPPER.getNodeFactory().textNode(value)));
        SfRecord created = org.insert(type, withKey);
        return Response.json(201, RestSupport.saveResult(created.id(), version >= ApiVersions.UPSERT_BODY_SINCE ? Boolean.TRUE : null));
      }
      SfRecord updated = org.update(type, matches.get(0).id(), RestSupport.updatableOnly(type, values));
      if (version < ApiVersions.UPSERT_BODY_SINCE) {
        return Response.empty(204);
      }
      return Response.json(200, RestSupport.saveResult(updated.id(), Boolean.FALSE));
    });
  }

  // ---- describe ------------------------------------------------------------------------------------

  private Response describeGlobal(Request request) {
    ObjectNode body = Json.object();
    body.put("encoding", "UTF-8");
    body.put("maxBatchSize", SObjectCollections.MAX_RECORDS);
    ArrayNode sobjects = body.putArray("sobjects");
    String version = request.pathVariable("version");
    for (SObjectType type : org.schema().types()) {
      sobjects.add(Describe.objectSummary(type, version));
    }
    return Response.json(200, body);
  }

  private Response basicInfo(Request request) {
    SObjectType type = RestSupport.type(org, request);
    ObjectNode body = Json.object();
    body.set("objectDescribe", Describe.objectSummary(type, request.pathVariable("version")));
    body.putArray("recentItems");
    return Response.json(200, body);
  }

  private Response describe(Request request) {
    return Response.json(200, Describe.object(RestSupport.type(org, request), request.pathVariable("version")));
  }

  // ---- helpers -------------------------------------------------------------------------------------

  /** Resolves {@code "Account__r": {"QBO_Id__c": "..."}}; wording of the failures as Salesforce words them. */
  private String foreignKey(SObjectType parentType, String fieldName, String value) {
    FieldDef field = parentType.field(fieldName);
    if (field == null || !field.externalId() && !field.name().equals("Id")) {
      throw SalesforceException.invalidField("Field name provided, " + fieldName + " is not an External ID or indexed "
          + "field for " + parentType.name(), null);
    }
    if (field.name().equals("Id")) {
      return value;
    }
    List<SfRecord> matches = org.findByExternalId(parentType, field, value);
    if (matches.isEmpty()) {
      throw SalesforceException.invalidField("Foreign key external ID: " + value + " not found for field "
          + field.name() + " in entity " + parentType.name(), null);
    }
    if (matches.size() > 1) {
      throw SalesforceException.invalidField("Foreign key external ID: " + value + " matches more than one record for "
          + "field " + field.name() + " in entity " + parentType.name(), null);
    }
    return matches.get(0).id();
  }

  private static String requireId(String raw) {
    String id = SalesforceIds.normalize(raw);
    if (id == null) {
      throw SalesforceException.notFound();
    }
    return id;
  }

  private static List<FieldDef> selectedFields(SObjectType type, String fieldList) {
    if (fieldList == null || fieldList.isBlank()) {
      return new ArrayList<>(type.fields());
    }
    List<FieldDef> fields = new ArrayList<>();
    for (String name : Arrays.stream(fieldList.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList()) {
      FieldDef field = type.field(name);
      if (field == null) {
        throw SalesforceException.invalidField("No such column '" + name + "' on sobject of type " + type.name(), null);
      }
      fields.add(field);
    }
    return fields;
  }

  private static Response multipleChoices(List<SfRecord> matches, String version) {
    ArrayNode urls = Json.array();
    matches.forEach(record -> urls.add(record.url(version)));
    return Response.json(300, urls);
  }
}
