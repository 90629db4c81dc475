package io.ledgerbridge.activities.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A record read from the source, as the pipeline takes it.
 *
 * @param lines its line records, where the source keeps them apart (Salesforce); empty otherwise
 * @param price its standard price, where the source keeps it apart (Salesforce's price book); else null
 * @param changedAt when it last changed, its price included; null when the record does not say
 * @param version what marks a change of it, as its end of a link keeps it
 */
record SourceRecord(String id, ObjectNode fields, List<JsonNode> lines, BigDecimal price, Instant changedAt, String version) {
  SourceRecord {
    lines = List.copyOf(lines);
  }
}
