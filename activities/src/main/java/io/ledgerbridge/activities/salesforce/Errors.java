package io.ledgerbridge.activities.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerbridge.activities.errors.RetryAfter;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Response;

/**
 * Reads Salesforce error bodies: the REST array {@code [{"message","errorCode","fields"}]}, a bare
 * object of the same shape, Collections' {@code statusCode} variant, and the 300 answer (an array
 * of matching record URLs).
 */
final class Errors {
  private Errors() {}

  static SalesforceException exception(ObjectMapper json, String operation, Response response, String text, Clock clock) {
    List<SalesforceError> errors = new ArrayList<>();
    String body = text == null ? "" : text.trim();
    JsonNode node = null;
    if (body.startsWith("[") || body.startsWith("{")) {
      try {
        node = json.readTree(body);
      } catch (IOException notJson) {
        node = null;
      }
    }
    if (response.code() == 300 && node != null && node.isArray()) {
      List<String> urls = new ArrayList<>();
      node.forEach(url -> urls.add(url.asText()));
      errors.add(new SalesforceError("MULTIPLE_CHOICES", "more than one record matches: " + String.join(", ", urls), List.of()));
    } else if (node != null) {
      errors.addAll(list(node));
    }
    if (errors.isEmpty() && !body.isEmpty()) {
      errors.add(new SalesforceError(null, body.length() > 300 ? body.substring(0, 300) + "…" : body, List.of()));
    }
    return new SalesforceException(
        operation, response.code(), errors, RetryAfter.parse(response.header("Retry-After"), clock));
  }

  /** The errors in an array or a single error object; empty for anything else. */
  static List<SalesforceError> list(JsonNode node) {
    List<SalesforceError> errors = new ArrayList<>();
    if (node == null || node.isNull()) {
      return errors;
    }
    if (node.isArray()) {
      node.forEach(item -> {
        if (item.isObject()) {
          errors.add(one(item));
        }
      });
    } else if (node.isObject() && (node.has("errorCode") || node.has("statusCode") || node.has("message"))) {
      errors.add(one(node));
    }
    return errors;
  }

  private static SalesforceError one(JsonNode item) {
    String code = item.hasNonNull("errorCode") ? item.get("errorCode").asText() : null;
    if (code == null && item.hasNonNull("statusCode")) {
      code = item.get("statusCode").asText();
    }
    List<String> fields = new ArrayList<>();
    item.path("fields").forEach(f -> fields.add(f.asText()));
    return new SalesforceError(code, item.path("message").asText(null), fields);
  }
}
