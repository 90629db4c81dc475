package io.ledgerbridge.worker.access;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An {@code /api} route that needs no credential because it checks one itself: signing in, which
 * takes an email and a password. {@link ApiAuthentication} lets that one route's requests through
 * unauthenticated (it runs before Spring knows the handler); this marks the handler so that {@link
 * RoleCheck} passes it and the API document shows it needs no token.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface OpenToAnyone {}
