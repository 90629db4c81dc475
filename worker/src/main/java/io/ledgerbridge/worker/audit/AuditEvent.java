package io.ledgerbridge.worker.audit;

import io.ledgerbridge.worker.security.Actor;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;

/**
 * One recorded change.
 *
 * @param target what it acted on, e.g. "job hourly-customers", "error 42", "company 9130"; absent when not known
 * @param details a short summary of what was done; absent for refusals, which changed nothing
 * @param sourceAddress the client's address as the server saw it
 * @param httpStatus the status the API answered with
 */
@Schema(description = "One change a person or token asked for through the API")
public record AuditEvent(
    long id,
    Instant occurredAt,
    Actor actor,
    AuditAction action,
    String target,
    @Schema(description = "What was done, e.g. the fields a job change set; never a secret")
    Map<String, Object> details,
    String sourceAddress,
    AuditOutcome outcome,
    int httpStatus) {}
