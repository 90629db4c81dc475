package io.ledgerbridge.worker.audit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller method whose every answer to an authenticated caller is recorded in the
 * audit trail, as this action (see {@link AuditRecorder}).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Audited {
  AuditAction value();

  /** The path variable that names the target, for the answers that describe none (refusals). */
  String targetVariable() default "id";
}
