package io.ledgerbridge.sandbox.salesforce;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.http.Json;
import io.ledgerbridge.sandbox.http.Response;
import java.util.List;

/**
 * A Salesforce REST error (reference §5): the HTTP status and one {@code {message, errorCode, fields}}
 * entry; rendered as the JSON array REST returns, or as a per-record {@code statusCode} error in
 * sObject Collections.
 */
final class SalesforceException extends RuntimeException {
  private final int httpStatus;
  private final String errorCode;
  private final List<String> fields;

  SalesforceException(int httpStatus, String errorCode, String message, List<String> fields) {
    super(message, null, false, false);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
    this.fields = fields;
  }

  static SalesforceException invalidField(String message, List<String> fields) {
    return new SalesforceException(400, "INVALID_FIELD", message, fields);
  }

  static SalesforceException notFound() {
    return new SalesforceException(404, "NOT_FOUND", "The requested resource does not exist", null);
  }

  static SalesforceException malformedQuery(String message) {
    return new SalesforceException(400, "MALFORMED_QUERY", message, null);
  }

  static SalesforceException jsonParser(String message) {
    return new SalesforceException(400, "JSON_PARSER_ERROR", message, null);
  }

  int httpStatus() {
    return httpStatus;
  }

  String errorCode() {
    return errorCode;
  }

  List<String> fields() {
    return fields == null ? List.of() : fields;
  }

  /** The REST error body: a one-element array. */
  Response toResponse() {
    ArrayNode body = Json.array();
    ObjectNode error = body.addObject();
    error.put("message", getMessage());
    error.put("errorCode", errorCode);
    if (fields != null) {
      ArrayNode names = error.putArray("fields");
      fields.forEach(names::add);
    }
    return Response.json(httpStatus, body);
  }

  /** The per-record error of sObject Collections, keyed {@code statusCode}. */
  ObjectNode toCollectionError() {
    ObjectNode error = Json.object();
    error.put("statusCode", errorCode);
    error.put("message", getMessage());
    ArrayNode names = error.putArray("fields");
    fields().forEach(names::add);
    return error;
  }
}
