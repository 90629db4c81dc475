package io.ledgerbridge.sandbox.salesforce;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.http.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One stored record: field values by canonical field name. Immutable: a change stores a new record, so
 * query cursors keep the version they saw. Values are String, Boolean, BigDecimal, LocalDate or Instant.
 */
record SfRecord(SObjectType type, Map<String, Object> values) {
  /** Salesforce's JSON datetime form, always UTC: {@code 2013-05-20T20:49:32.000+0000}. */
  static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx").withZone(ZoneOffset.UTC);

  SfRecord {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  String id() {
    return (String) values.get("Id");
  }

  Object get(String canonicalField) {
    return values.get(canonicalField);
  }

  /** A copy with some fields changed. */
  SfRecord with(Map<String, Object> changes) {
    Map<String, Object> merged = new LinkedHashMap<>(values);
    merged.putAll(changes);
    return new SfRecord(type, merged);
  }

  /** The REST URL of this record under an API version, e.g. {@code /services/data/v62.0/sobjects/Account/001...}. */
  String url(String apiVersion) {
    return "/services/data/" + apiVersion + "/sobjects/" + type.name() + "/" + id();
  }

  /** The record as REST returns it: {@code attributes} first, then the fields asked for (null when unset). */
  ObjectNode toJson(List<FieldDef> fields, String apiVersion) {
    ObjectNode node = Json.object();
    ObjectNode attributes = node.putObject("attributes");
    attributes.put("type", type.name());
    attributes.put("url", url(apiVersion));
    for (FieldDef field : fields) {
      putValue(node, field.name(), values.get(field.name()));
    }
    return node;
  }

  static void putValue(ObjectNode node, String name, Object value) {
    if (value == null) {
      node.putNull(name);
    } else if (value instanceof Boolean bool) {
      node.put(name, bool);
    } else if (value instanceof BigDecimal number) {
      node.put(name, number.doubleValue());
    } else if (value instanceof Instant instant) {
      node.put(name, DATETIME.format(instant));
    } else if (value instanceof LocalDate date) {
      node.put(name, date.toString());
    } else {
      node.put(name, value.toString());
    }
  }
}
