package io.ledgerbridge.activities.errors;

/**
 * The API refused an access token its own authorization server had just issued. The refresh proved
 * the credentials good, so the refusal passes (a token not yet known on every API host, or the
 * token expired again at once): the call was not acted on and may be sent again. Credentials that
 * are really revoked fail at the refresh instead, as an auth failure an admin must act on.
 */
public final class FreshTokenRejectedException extends RuntimeException {
  public FreshTokenRejectedException(String system, RuntimeException rejection) {
    super(rejection.getMessage() + " (" + system + " refused the access token it had just issued; the call is sent again)",
        rejection);
  }
}
