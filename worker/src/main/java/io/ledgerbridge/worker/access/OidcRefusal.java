package io.ledgerbridge.worker.access;

import java.util.Locale;

/**
 * Why a sign-in through the OpenID Connect provider was refused. The browser is sent back to the sign-in page with
 * the {@link #code()} only (no email, token or detail in the URL), and the page shows the {@link #message()}, which
 * {@code GET /api/session/methods} lists; the detail goes to the log.
 */
enum OidcRefusal {
  NOT_CONFIGURED("Sign-in through an OpenID Connect provider is not set up here: sign in with your email and password,"
      + " or ask an admin to set LEDGERBRIDGE_OIDC_ISSUER, _CLIENT_ID and _CLIENT_SECRET."),
  PROVIDER_ERROR("The sign-in provider did not sign you in (you may have cancelled): try again."),
  STATE_MISMATCH("This sign-in was not started in this browser, was used already, or took longer than 10 minutes:"
      + " start again with the sign-in button."),
  PROVIDER_UNAVAILABLE("The sign-in provider could not be reached, or refused LedgerBridge's request (its client id or"
      + " secret, or this sign-in's code): start again in a while; if it lasts, an admin should check LEDGERBRIDGE_OIDC_*"
      + " and LedgerBridge's log."),
  BAD_SIGNATURE("The sign-in provider's ID token is not signed by one of its keys: start again; if it lasts, an admin"
      + " should check LEDGERBRIDGE_OIDC_ISSUER and LedgerBridge's log."),
  WRONG_ISSUER("The ID token was issued by another provider than LEDGERBRIDGE_OIDC_ISSUER names: an admin should"
      + " check that setting."),
  WRONG_AUDIENCE("The ID token was issued to another application than LEDGERBRIDGE_OIDC_CLIENT_ID names: an admin"
      + " should check that setting."),
  EXPIRED("The ID token has expired or was issued too long ago (or this server's clock is wrong): start again."),
  WRONG_NONCE("The ID token does not belong to this sign-in (its nonce differs): start again."),
  EMAIL_NOT_VERIFIED("The sign-in provider has not verified your email address (or does not send it): verify it"
      + " there, or sign in with your email and password."),
  DOMAIN_NOT_ALLOWED("Your email's domain may not sign in here (LEDGERBRIDGE_OIDC_ALLOWED_DOMAINS): sign in with an"
      + " account of your organisation."),
  UNKNOWN_PERSON("No one in LedgerBridge has the email your provider signed you in with: ask an admin to add you"
      + " under People & tokens with that email, then sign in again."),
  DISABLED_PERSON("Your LedgerBridge account is disabled: ask an admin.");

  private final String message;

  OidcRefusal(String message) {
    this.message = message;
  }

  /** What the sign-in page's URL carries, e.g. {@code unknown_person}. */
  String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  String message() {
    return message;
  }
}
