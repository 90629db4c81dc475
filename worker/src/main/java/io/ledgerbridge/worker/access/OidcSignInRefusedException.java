package io.ledgerbridge.worker.access;

/** A refused sign-in through the OpenID Connect provider: the refusal the person sees and a detail for the log. */
class OidcSignInRefusedException extends RuntimeException {
  private final OidcRefusal refusal;

  OidcSignInRefusedException(OidcRefusal refusal, String detail) {
    super(detail);
    this.refusal = refusal;
  }

  OidcSignInRefusedException(OidcRefusal refusal, String detail, Throwable cause) {
    super(detail, cause);
    this.refusal = refusal;
  }

  OidcRefusal refusal() {
    return refusal;
  }
}
