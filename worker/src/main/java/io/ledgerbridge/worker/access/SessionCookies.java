package io.ledgerbridge.worker.access;

import io.ledgerbridge.worker.config.LedgerBridgeProperties;
import io.ledgerbridge.worker.config.OidcSignInPaths;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * The cookies of signing in, {@code Secure} when LedgerBridge is reached over https: the session cookie (HttpOnly,
 * SameSite=Strict), and while a sign-in through the OpenID Connect provider is on its way, its state cookie, which
 * binds the provider's callback to the browser that began it (SameSite=Lax, as the provider's redirect to the
 * callback is a navigation from another site).
 */
@Component
class SessionCookies {
  static final String OIDC_STATE_COOKIE = "ledgerbridge_oidc_state";

  private final boolean httpsOnly;

  SessionCookies(LedgerBridgeProperties properties) {
    this.httpsOnly = properties.publicUrl().startsWith("https:");
  }

  /** The session cookie with the session's id; an empty value and no age clears it. */
  ResponseCookie session(String value, Duration maxAge, HttpServletRequest request) {
    return ResponseCookie.from(ApiAuthentication.SESSION_COOKIE, value)
        .httpOnly(true)
        .secure(httpsOnly || request.isSecure())
        .sameSite("Strict")
        .path("/")
        .maxAge(maxAge)
        .build();
  }

  /** The OpenID Connect sign-in's state cookie, sent only to the callback; an empty value and no age clears it. */
  ResponseCookie oidcState(String state, Duration maxAge, HttpServletRequest request) {
    return ResponseCookie.from(OIDC_STATE_COOKIE, state)
        .httpOnly(true)
        .secure(httpsOnly || request.isSecure())
        .sameSite("Lax")
        .path(OidcSignInPaths.CALLBACK)
        .maxAge(maxAge)
        .build();
  }
}
