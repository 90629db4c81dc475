package io.ledgerbridge.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.http.Json;
import io.ledgerbridge.sandbox.http.Request;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Request and result pieces shared by the REST resources. */
final class RestSupport {

  private RestSupport() {}

  /** The object named in the path; 404 NOT_FOUND for an unknown one. */
  static SObjectType type(SalesforceOrg org, Request request) {
    SObjectType type = org.schema().type(request.pathVariable("type"));
    if (type == null) {
      throw SalesforceException.notFound();
    }
    return type;
  }

  /** The External-ID field named in an upsert or lookup path; 404 when it is not one (reference §3). */
  static FieldDef externalIdField(SObjectType type, String name) {
    FieldDef field = type.field(name);
    if (field == null || !field.externalId()) {
      throw new SalesforceException(404, "NOT_FOUND",
          "Provided external ID field does not exist or is not accessible: " + name, null);
    }
    return field;
  }

  /** On the update branch of an upsert, create-only fields sent in the body are ignored rather than refused. */
  static Map<String, Object> updatableOnly(SObjectType type, Map<String, Object> values) {
    Map<String, Object> changes = new HashMap<>();
    values.forEach((name, value) -> {
      if (type.field(name).updateable()) {
        changes.put(name, value);
      }
    });
    return changes;
  }

  /** An External-ID value as matching compares it. */
  static String normalizedKey(FieldDef field, String value) {
    return field.caseSensitive() ? value : value.toLowerCase(Locale.ROOT);
  }

  static ObjectNode objectBody(Request request) {
    JsonNode body = Json.parse(request.body());
    if (!(body instanceof ObjectNode object)) {
      throw SalesforceException.jsonParser("Expected a JSON object as the request body");
    }
    return object;
  }

  /** {@code {"id","success":true,"errors":[]}}, with {@code created} for upserts. */
  static ObjectNode saveResult(String id, Boolean created) {
    ObjectNode result = Json.object();
    result.put("id", id);
    result.put("success", true);
    result.putArray("errors");
    if (created != null) {
      result.put("created", created);
    }
    return result;
  }
}
