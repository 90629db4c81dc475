package io.ledgerbridge.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.http.Json;
import io.ledgerbridge.sandbox.http.Request;
import io.ledgerbridge.sandbox.http.Response;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * sObject Collections (reference §4): create, update, delete, retrieve and upsert of up to 200 records in
 * one call, which counts as one API call. Results come in input order with per-record {@code statusCode}
 * errors; with allOrNone one failure rolls every record back and the others report
 * ALL_OR_NONE_OPERATION_ROLLED_BACK.
 */
final class SObjectCollections {
  static final int MAX_RECORDS = 200;

  private final SalesforceOrg org;
  private final RecordInput.ForeignKeys foreignKeys;

  SObjectCollections(SalesforceOrg org, RecordInput.ForeignKeys foreignKeys) {
    this.org = org;
    this.foreignKeys = foreignKeys;
  }

  /** {@code POST /composite/sobjects}: records of any types, each naming its type, none with an id. */
  Response create(Request request) {
    ObjectNode body = RestSupport.objectBody(request);
    return run(records(body), body.path("allOrNone").asBoolean(false), this::createOne);
  }

  /** Creates one record naming its type; a refusal throws. Bulk ingest writes its records this way too. */
  ObjectNode createOne(JsonNode record) {
    SObjectType type = declaredType(record);
    Map<String, Object> values = RecordInput.parse(type, (ObjectNode) record, RecordInput.Mode.CREATE, Set.of(),
        foreignKeys, org.schema());
    return RestSupport.saveResult(org.insert(type, values).id(), null);
  }

  /** {@code PATCH /composite/sobjects}: records naming their type and {@code id}. */
  Response update(Request request) {
    ObjectNode body = RestSupport.objectBody(request);
    return run(records(body), body.path("allOrNone").asBoolean(false), this::updateOne);
  }

  /** Updates one record naming its type and id; a refusal throws. */
  ObjectNode updateOne(JsonNode record) {
    SObjectType type = declaredType(record);
    String id = SalesforceIds.normalize(record.path("id").asText(record.path("Id").asText(null)));
    if (id == null) {
      throw new SalesforceException(400, "MISSING_ARGUMENT", "Id not specified in an update call", List.of("Id"));
    }
    ObjectNode fields = ((ObjectNode) record).deepCopy();
    fields.remove(List.of("id", "Id"));
    Map<String, Object> changes = RecordInput.parse(type, fields, RecordInput.Mode.UPDATE, Set.of(), foreignKeys,
        org.schema());
    return RestSupport.saveResult(org.update(type, id, changes).id(), null);
  }

  /** {@code DELETE /composite/sobjects?ids=a,b&allOrNone=false}. */
  Response delete(Request request) {
    List<String> ids = ids(request);
    ArrayNode records = Json.array();
    ids.forEach(records::add);
    return run(records, Boolean.parseBoolean(request.query("allOrNone")), idNode -> {
      String id = SalesforceIds.normalize(idNode.asText());
      SObjectType type = id == null ? null : org.schema().typeByKeyPrefix(id.substring(0, 3));
      if (type == null) {
        throw new SalesforceException(400, "MALFORMED_ID", "malformed id " + idNode.asText(), List.of());
      }
      org.delete(type, id);
      return RestSupport.saveResult(id, null);
    });
  }

  /** {@code GET /composite/sobjects/{Type}?ids=&fields=}: records in the order asked, null where none. */
  Response retrieve(Request request) {
    SObjectType type = RestSupport.type(org, request);
    String fieldList = request.query("fields");
    if (fieldList == null || fieldList.isBlank()) {
      throw new SalesforceException(400, "MISSING_ARGUMENT", "fields is required", null);
    }
    List<FieldDef> fields = new ArrayList<>();
    for (String name : fieldList.split(",")) {
      FieldDef field = type.field(name.trim());
      if (field == null) {
        throw SalesforceException.invalidField("No such column '" + name.trim() + "' on sobject of type " + type.name(),
            null);
      }
      fields.add(field);
    }
    ArrayNode results = Json.array();
    for (String raw : ids(request)) {
      String id = SalesforceIds.normalize(raw);
      SfRecord record = id == null ? null : org.get(type, id);
      if (record == null) {
        results.addNull();
      } else {
        results.add(record.toJson(fields, request.pathVariable("version")));
      }
    }
    return Response.json(200, results);
  }

  /**
   * {@code PATCH /composite/sobjects/{Type}/{ExtIdField}} (API 46+): one type, each record carrying its
   * External-ID value and no id; a value sent twice fails both records (DUPLICATE_EXTERNAL_ID).
   */
  Response upsert(Request request) {
    SObjectType type = RestSupport.type(org, request);
    FieldDef field = RestSupport.externalIdField(type, request.pathVariable("field"));
    ObjectNode body = RestSupport.objectBody(request);
    JsonNode records = records(body);
    Map<String, Integer> occurrences = keyOccurrences(field, records);
    return run(records, body.path("allOrNone").asBoolean(false), record -> upsertOne(type, field, record, occurrences));
  }

  /** How often each External-ID value occurs among the records of one request, as matching compares values. */
  static Map<String, Integer> keyOccurrences(FieldDef field, Iterable<? extends JsonNode> records) {
    Map<String, Integer> occurrences = new HashMap<>();
    for (JsonNode record : records) {
      JsonNode key = record.get(field.name());
      if (key != null && !key.isNull()) {
        occurrences.merge(RestSupport.normalizedKey(field, key.asText()), 1, Integer::sum);
      }
    }
    return occurrences;
  }

  /**
   * Upserts one record of {@code type} on its External-ID value; a refusal throws. A value the request
   * holds more than once ({@code occurrences}) fails.
   */
  ObjectNode upsertOne(SObjectType type, FieldDef field, JsonNode record, Map<String, Integer> occurrences) {
    SObjectType declared = declaredType(record);
    if (declared != type) {
      throw new SalesforceException(400, "INVALID_TYPE", "Type mismatch: expected " + type.name() + " but got "
          + declared.name(), List.of());
    }
    JsonNode key = record.get(field.name());
    if (key == null || key.isNull() || key.asText().isEmpty()) {
      throw new SalesforceException(400, "MISSING_ARGUMENT", field.name() + " not specified", List.of(field.name()));
    }
    if (occurrences.getOrDefault(RestSupport.normalizedKey(field, key.asText()), 0) > 1) {
      throw new SalesforceException(400, "DUPLICATE_EXTERNAL_ID", "Duplicate external id specified: " + key.asText(),
          List.of(field.name()));
    }
    ObjectNode withoutKey = ((ObjectNode) record).deepCopy();
    withoutKey.remove(field.name());
    Map<String, Object> values = RecordInput.parse(type, withoutKey, RecordInput.Mode.CREATE, Set.of("id"), foreignKeys,
        org.schema());
    List<SfRecord> matches = org.findByExternalId(type, field, key.asText());
    if (matches.size() > 1) {
      throw new SalesforceException(400, "DUPLICATE_EXTERNAL_ID", field.name()
          + ": more than one record found for external id field: " + matches.stream().map(SfRecord::id).toList(),
          List.of(field.name()));
    }
    if (matches.isEmpty()) {
      Map<String, Object> withKey = new HashMap<>(values);
      withKey.put(field.name(), RecordInput.convert(field, key));
      return RestSupport.saveResult(org.insert(type, withKey).id(), Boolean.TRUE);
    }
    return RestSupport.saveResult(org.update(type, matches.get(0).id(), RestSupport.updatableOnly(type, values)).id(),
        Boolean.FALSE);
  }

  /** Runs one operation per record, rolling all back under allOrNone when any fails. */
  private Response run(JsonNode records, boolean allOrNone, Function<JsonNode, ObjectNode> operation) {
    List<ObjectNode> results = org.allOrNone(() -> {
      List<ObjectNode> outcome = new ArrayList<>();
      for (JsonNode record : records) {
        try {
          outcome.add(operation.apply(record));
        } catch (SalesforceException e) {
          ObjectNode failure = Json.object();
          failure.put("success", false);
          failure.putArray("errors").add(e.toCollectionError());
          outcome.add(failure);
        }
      }
      return outcome;
    }, outcome -> !allOrNone || outcome.stream().allMatch(result -> result.path("success").asBoolean()));
    boolean rolledBack = allOrNone && results.stream().anyMatch(result -> !result.path("success").asBoolean());
    ArrayNode response = Json.array();
    for (ObjectNode result : results) {
      if (rolledBack && result.path("success").asBoolean()) {
        ObjectNode rolled = Json.object();
        rolled.put("success", false);
        rolled.putArray("errors").add(new SalesforceException(400, "ALL_OR_NONE_OPERATION_ROLLED_BACK",
            "Record rolled back because not all records were valid and the request was using AllOrNone header",
            List.of()).toCollectionError());
        response.add(rolled);
      } else {
        response.add(result);
      }
    }
    return Response.json(200, response);
  }

  private static JsonNode records(ObjectNode body) {
    JsonNode records = body.get("records");
    if (records == null || !records.isArray()) {
      throw SalesforceException.jsonParser("records is required and must be an array");
    }
    checkSize(records.size());
    for (JsonNode record : records) {
      if (!record.isObject()) {
        throw SalesforceException.jsonParser("Each record must be a JSON object");
      }
    }
    return records;
  }

  private static List<String> ids(Request request) {
    String ids = request.query("ids");
    if (ids == null || ids.isBlank()) {
      throw new SalesforceException(400, "MISSING_ARGUMENT", "ids is required", null);
    }
    List<String> list = Arrays.stream(ids.split(",")).map(String::trim).filter(id -> !id.isEmpty()).toList();
    checkSize(list.size());
    return list;
  }

  /** More than 200 records refuses the whole call; the wording is Salesforce's, the code UNCONFIRMED. */
  private static void checkSize(int size) {
    if (size > MAX_RECORDS) {
      throw new SalesforceException(400, "EXCEEDED_ID_LIMIT",
          "record limit reached. cannot submit more than " + MAX_RECORDS + " records into this call", null);
    }
  }

  private SObjectType declaredType(JsonNode record) {
    String declared = record.path("attributes").path("type").asText(null);
    if (declared == null) {
      throw new SalesforceException(400, "INVALID_TYPE", "Must send a concrete entity type.", List.of());
    }
    SObjectType type = org.schema().type(declared);
    if (type == null) {
      throw new SalesforceException(400, "INVALID_TYPE", "sObject type '" + declared + "' is not supported.", List.of());
    }
    return type;
  }
}
