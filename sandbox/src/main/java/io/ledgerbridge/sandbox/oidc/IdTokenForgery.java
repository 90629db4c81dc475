package io.ledgerbridge.sandbox.oidc;

/** A flaw the provider can put into its next ID token, so a relying party's refusal of it can be tested. */
public enum IdTokenForgery {
  /** Issued for another client: {@code aud} names a different client id. */
  WRONG_AUDIENCE,
  /** Expired an hour ago. */
  EXPIRED,
  /** The claims changed after signing: the signature no longer matches. */
  TAMPERED,
  /** Signed by a key the JWKS does not hold. */
  UNKNOWN_KEY
}
