package io.ledgerbridge.worker.audit;

import io.ledgerbridge.worker.access.RequiresRole;
import io.ledgerbridge.worker.access.Role;
import io.ledgerbridge.worker.api.RequestText;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/audit}: who changed what, when and from where, newest first, filtered and paged. */
@Tag(name = "Audit", description = "Every change a person or token made through the API")
@RestController
@RequiresRole(Role.VIEWER)
class AuditController {
  static final int MAX_LIMIT = 500;

  private final AuditStore store;

  AuditController(AuditStore store) {
    this.store = store;
  }

  /**
   * A page of events.
   *
   * @param nextCursor pass it as {@code cursor} for the page after this one; absent on the last page
   */
  @Schema(description = "A page of audit events, newest first")
  record AuditPage(List<AuditEvent> events, Long nextCursor) {}

  @Operation(operationId = "listAuditEvents", summary = "Changes made through the API, newest first, filtered and paged",
      description = "Refused attempts by an authenticated caller are listed too (outcome REFUSED); requests without a"
          + " valid token are not.")
  @ApiResponse(responseCode = "200", description = "A page of events; nextCursor leads to the next one")
  @ApiResponse(responseCode = "400", description = "A filter or paging value is not valid; the message names it and"
      + " says what it takes")
  @GetMapping("/api/audit")
  AuditPage list(
      @Parameter(description = "Events at or after this instant, ISO-8601 with an offset, e.g. 2026-12-01T00:00:00Z")
      @RequestParam(required = false) String from,
      @Parameter(description = "Events before this instant, ISO-8601 with an offset")
      @RequestParam(required = false) String to,
      @Parameter(description = "The actor's name, exactly, e.g. admin") @RequestParam(required = false) String actor,
      @RequestParam(required = false) AuditAction action,
      @Parameter(description = "A part of the target, in any case, e.g. a job's id or a company's realm id")
      @RequestParam(required = false) String target,
      @Parameter(description = "The nextCursor of the page before") @RequestParam(required = false) Long cursor,
      @Parameter(description = "1 to " + MAX_LIMIT) @RequestParam(defaultValue = "50") int limit) {
    Instant fromInstant = instant("from", from);
    Instant toInstant = instant("to", to);
    if (fromInstant != null && toInstant != null && !fromInstant.isBefore(toInstant)) {
      throw new IllegalArgumentException("from: " + from + " is not before to (" + to + "); swap them or widen the range");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit: " + limit + " is not between 1 and " + MAX_LIMIT);
    }
    if (cursor != null && cursor < 1) {
      throw new IllegalArgumentException("cursor: " + cursor + " is not a cursor; pass the nextCursor of the page before");
    }
    // One more than asked for tells whether another page follows.
    List<AuditEvent> events = store.find(new AuditQuery(fromInstant, toInstant,
        RequestText.optional("actor", actor, AuditStore.ACTOR_NAME_MAX), action, RequestText.optional("target", target, AuditStore.TARGET_MAX),
        cursor, limit + 1));
    return events.size() > limit
        ? new AuditPage(events.subList(0, limit), events.get(limit - 1).id())
        : new AuditPage(events, null);
  }

  private static Instant instant(String field, String value) {
    String text = RequestText.optional(field, value, 64);
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          field + ": '" + text + "' is not an instant; write it ISO-8601 with an offset, e.g. 2026-12-01T09:00:00Z");
    }
  }
}
