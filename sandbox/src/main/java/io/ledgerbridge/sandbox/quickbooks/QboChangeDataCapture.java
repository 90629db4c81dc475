package io.ledgerbridge.sandbox.quickbooks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.http.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Change Data Capture (reference §2): what changed in the listed entities since a time no more than 30
 * days back, grouped by entity in the order asked, each ordered by LastUpdatedTime with deletions after
 * the live rows, and at most 1000 objects in all.
 */
final class QboChangeDataCapture {
  static final int MAX_OBJECTS = 1000;
  static final Duration LOOK_BACK = Duration.ofDays(30);

  private QboChangeDataCapture() {}

  /** The {@code CDCResponse} array. */
  static ArrayNode changes(QboCompany company, String entities, String changedSince) {
    if (entities == null || entities.isBlank()) {
      throw QboFault.requiredParameter("entities");
    }
    if (changedSince == null || changedSince.isBlank()) {
      throw QboFault.requiredParameter("changedSince");
    }
    Instant since = QboTime.parseDateTime(changedSince.trim());
    if (since == null) {
      throw QboFault.invalidRequest("changedSince");
    }
    if (since.isBefore(company.time().preciseNow().minus(LOOK_BACK))) {
      // Wording from real traffic (reference §2); the code that comes with it is UNCONFIRMED.
      throw QboFault.businessValidation("Operation cdc with changedSince date " + changedSince
          + " which is older than fixed days is not supported.");
    }
    List<EntityTable> tables = new ArrayList<>();
    for (String name : entities.split(",")) {
      EntityTable table = company.table(name.trim());
      if (table == null || !table.kind().name().equalsIgnoreCase(name.trim())) {
        throw QboFault.invalidRequest("entities: " + name.trim() + " is not supported by CDC in the sandbox");
      }
      if (!tables.contains(table)) {
        tables.add(table);
      }
    }
    ArrayNode groups = Json.array();
    int budget = MAX_OBJECTS;
    long fromSecond = since.getEpochSecond() + (since.getNano() > 0 ? 1 : 0);
    for (EntityTable table : tables) {
      if (budget == 0) {
        break;
      }
      List<Map.Entry<Long, Instant>> deleted = table.deletions().entrySet().stream()
          .filter(entry -> !entry.getValue().isBefore(since))
          .sorted(Map.Entry.<Long, Instant>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
          .toList();
      ObjectNode group = Json.object();
      ArrayNode rows = group.putArray(table.kind().name());
      int total = deleted.size();
      for (Iterator<EntityTable.RowRef> changed = table.refsByLastUpdated(fromSecond).iterator(); changed.hasNext(); ) {
        EntityTable.RowRef row = changed.next();
        total++;
        if (rows.size() < budget) {
          rows.add(row.node());
        }
      }
      if (total == 0) {
        continue;
      }
      for (Map.Entry<Long, Instant> deletion : deleted) {
        if (rows.size() == budget) {
          break;
        }
        ObjectNode tombstone = rows.addObject();
        tombstone.put("domain", "QBO");
        tombstone.put("status", "Deleted");
        tombstone.put("Id", Long.toString(deletion.getKey()));
        tombstone.putObject("MetaData").put("LastUpdatedTime", QboTime.metadata(deletion.getValue()));
      }
      group.put("startPosition", 1);
      group.put("maxResults", rows.size());
      // totalCount shows the group was cut at the 1000-object cap, as in Intuit's sample (UNCONFIRMED rule).
      if (rows.size() < total) {
        group.put("totalCount", total);
      }
      budget -= rows.size();
      groups.add(group);
    }
    if (groups.isEmpty()) {
      groups.addObject();
    }
    ArrayNode response = Json.array();
    response.addObject().set("QueryResponse", groups);
    return response;
  }
}
