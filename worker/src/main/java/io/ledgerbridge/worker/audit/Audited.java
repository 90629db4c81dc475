package io.ledgerbridge.worker.audit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller method whose every answer to an authenticated caller is recorded in the
 * audit trail, as this action (see {@link AuditRecorder}). Its target is what the method describes
 * to {@link AuditTrail}; for an answer that describes none (a refusal), the path variable {@code
 * id}, when the route has one.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Audited {
  AuditAction value();
}
