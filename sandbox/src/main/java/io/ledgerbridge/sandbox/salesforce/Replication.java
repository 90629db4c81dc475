package io.ledgerbridge.sandbox.salesforce;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.http.Json;
import io.ledgerbridge.sandbox.http.Request;
import io.ledgerbridge.sandbox.http.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The replication resources (reference §2): ids updated (by SystemModstamp, 30 days back at most) or
 * deleted (15 days back at most) between {@code start} and {@code end}. Both ends are cut to the minute,
 * as Salesforce does, and the answer says which span it covered.
 */
final class Replication {
  private static final Duration UPDATED_LOOK_BACK = Duration.ofDays(30);
  private static final Duration DELETED_LOOK_BACK = Duration.ofDays(15);

  private final SalesforceOrg org;
  private final Clock clock;

  Replication(SalesforceOrg org, Clock clock) {
    this.org = org;
    this.clock = clock;
  }

  /** {@code {"ids":[...],"latestDateCovered":"..."}}. */
  Response updated(Request request) {
    SObjectType type = RestSupport.type(org, request);
    Instant[] span = span(request, UPDATED_LOOK_BACK);
    ObjectNode body = Json.object();
    ArrayNode ids = body.putArray("ids");
    for (SfRecord record : org.live(type)) {
      Instant modstamp = (Instant) record.get("SystemModstamp");
      if (!modstamp.isBefore(span[0]) && modstamp.isBefore(span[1])) {
        ids.add(record.id());
      }
    }
    body.put("latestDateCovered", SfRecord.DATETIME.format(span[1]));
    return Response.json(200, body);
  }

  /** {@code {"deletedRecords":[{"id","deletedDate"}],"earliestDateAvailable","latestDateCovered"}}. */
  Response deleted(Request request) {
    SObjectType type = RestSupport.type(org, request);
    Instant[] span = span(request, DELETED_LOOK_BACK);
    ObjectNode body = Json.object();
    ArrayNode deleted = body.putArray("deletedRecords");
    Instant earliest = null;
    for (SfRecord record : org.liveAndDeleted(type)) {
      if (!Boolean.TRUE.equals(record.get("IsDeleted"))) {
        continue;
      }
      Instant deletedAt = (Instant) record.get("SystemModstamp");
      earliest = earliest == null || deletedAt.isBefore(earliest) ? deletedAt : earliest;
      if (!deletedAt.isBefore(span[0]) && deletedAt.isBefore(span[1])) {
        deleted.addObject().put("id", record.id()).put("deletedDate", SfRecord.DATETIME.format(deletedAt));
      }
    }
    Instant available = clock.instant().minus(DELETED_LOOK_BACK).truncatedTo(ChronoUnit.MINUTES);
    body.put("earliestDateAvailable", SfRecord.DATETIME.format(earliest != null && earliest.isAfter(available)
        ? earliest.truncatedTo(ChronoUnit.MINUTES) : available));
    body.put("latestDateCovered", SfRecord.DATETIME.format(span[1]));
    return Response.json(200, body);
  }

  /** [start, end) from the query, cut to the minute; INVALID_REPLICATION_DATE when out of range. */
  private Instant[] span(Request request, Duration lookBack) {
    Instant start = parse(request.query("start"), "start");
    Instant end = parse(request.query("end"), "end");
    Instant now = clock.instant();
    if (!end.isAfter(start)) {
      throw new SalesforceException(400, "INVALID_REPLICATION_DATE", "startDate must chronologically precede endDate",
          null);
    }
    if (start.isBefore(now.minus(lookBack))) {
      throw new SalesforceException(400, "INVALID_REPLICATION_DATE", "startDate cannot be more than "
          + lookBack.toDays() + " days ago", null);
    }
    Instant coveredEnd = (end.isAfter(now) ? now : end).truncatedTo(ChronoUnit.MINUTES);
    return new Instant[] {start.truncatedTo(ChronoUnit.MINUTES), coveredEnd};
  }

  private static Instant parse(String text, String name) {
    Instant instant = text == null ? null : RecordInput.parseDateTime(text.trim().replace(' ', '+'));
    if (instant == null) {
      throw new SalesforceException(400, "MALFORMED_QUERY", "Missing or invalid " + name
          + " date: expected an ISO 8601 date-time such as 2013-05-05T00:00:00+00:00", null);
    }
    return instant;
  }
}
