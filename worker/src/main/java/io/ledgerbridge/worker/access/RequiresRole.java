package io.ledgerbridge.worker.access;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The least role a caller needs for an {@code /api} route: on the controller method, or on its
 * class for all its methods without their own. {@link RoleCheck} refuses the rest with 403, and
 * refuses every {@code /api} route that has neither this nor {@link OpenToAnyone}, so a route
 * cannot be opened by forgetting its rule.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface RequiresRole {
  Role value();
}
