package io.ledgerbridge.worker.access;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An {@code /api} route that needs no credential because it checks one itself: signing in, which
 * takes an email and a password or an OpenID Connect provider's ID token (and the sign-in page's question how
 * one may sign in). {@link ApiAuthentication} lets these routes' requests through
 * unauthenticated (it runs before Spring knows the handler); this marks the handler so that {@link
 * RoleCheck} passes it and the API document shows it needs no token.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface OpenToAnyone {}
