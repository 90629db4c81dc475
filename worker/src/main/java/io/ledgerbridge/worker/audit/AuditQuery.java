package io.ledgerbridge.worker.audit;

import java.time.Instant;

/**
 * Which events to read, newest first; null fields match all.
 *
 * @param from events at or after this instant
 * @param to events before this instant
 * @param actor the actor's name, exactly
 * @param target a part of the target, in any case
 * @param before only events with a smaller id: the cursor of the page before
 * @param limit at most this many events
 */
record AuditQuery(Instant from, Instant to, String actor, AuditAction action, String target, Long before, int limit) {}
