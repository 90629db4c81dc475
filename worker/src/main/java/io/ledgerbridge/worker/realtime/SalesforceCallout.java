package io.ledgerbridge.worker.realtime;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpStatus;

/**
 * A Flow or Apex callout's body, {@code {"object":"Account","ids":["001..."]}}: the Salesforce type
 * and the ids of its changed records, at most {@link ChangeNotifications#MAX_RECORDS_PER_NOTIFICATION}
 * of them, each a Salesforce record id; repeats count once.
 */
record SalesforceCallout(String object, List<String> ids) {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final Set<String> FIELDS = Set.of("object", "ids");

  SalesforceCallout {
    ids = List.copyOf(ids);
  }

  /** The callout a body holds, or 400 naming the field at fault. */
  static SalesforceCallout parse(byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      // Not only syntax: bytes that look like another encoding fail as a CharConversionException.
      throw malformed("the body is not JSON: " + (e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage()));
    }
    if (root == null || !root.isObject()) {
      throw malformed("the body must be a JSON object, {\"object\":\"Account\",\"ids\":[\"001...\"]}");
    }
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw malformed(RecordIds.shown(name) + " is not a field of a callout; it has object and ids");
      }
    }
    JsonNode object = root.path("object");
    if (!object.isTextual() || object.asText().isBlank()) {
      throw malformed("object is required: the Salesforce type as text, e.g. \"Account\"");
    }
    JsonNode ids = root.path("ids");
    if (!ids.isArray() || ids.isEmpty()) {
      throw malformed("ids is required: an array of the changed records' Salesforce ids");
    }
    if (ids.size() > ChangeNotifications.MAX_RECORDS_PER_NOTIFICATION) {
      throw malformed("at most " + ChangeNotifications.MAX_RECORDS_PER_NOTIFICATION + " ids per call, not " + ids.size()
          + "; split them");
    }
    Set<String> valid = new LinkedHashSet<>();
    List<String> invalid = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      JsonNode id = ids.get(i);
      if (!id.isTextual()) {
        invalid.add("ids[" + i + "] (" + id.getNodeType().name().toLowerCase(Locale.ROOT) + ", not text)");
      } else if (!RecordIds.isSalesforceId(id.asText().trim())) {
        invalid.add("ids[" + i + "] " + RecordIds.shown(id.asText()));
      } else {
        valid.add(id.asText().trim());
      }
    }
    if (!invalid.isEmpty()) {
      throw malformed(RecordIds.notSalesforceIds(invalid) + "; nothing was queued, send the call again without them");
    }
    return new SalesforceCallout(object.asText().trim(), List.copyOf(valid));
  }

  private static NotificationRejected malformed(String why) {
    return new NotificationRejected(HttpStatus.BAD_REQUEST, "not a callout: " + why);
  }
}
