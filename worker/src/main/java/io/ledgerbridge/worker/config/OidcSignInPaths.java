package io.ledgerbridge.worker.config;

/** Where the OpenID Connect provider sends a person back after they signed in there: the redirect URI to register. */
public final class OidcSignInPaths {
  public static final String CALLBACK = "/api/session/oidc/callback";

  private OidcSignInPaths() {}
}
