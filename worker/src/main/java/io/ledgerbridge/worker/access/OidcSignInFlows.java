package io.ledgerbridge.worker.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sign-ins begun and not yet back from the provider, by their one-time {@code state}: each with its {@code
 * nonce} (which the ID token must carry) and PKCE code verifier (which the token endpoint checks against the
 * challenge sent), for ten minutes. Held in this process, like the connect flows' states.
 */
final class OidcSignInFlows {
  static final Duration LIFETIME = Duration.ofMinutes(10);

  private final Clock clock = Clock.systemUTC();
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();

  /** A sign-in on its way: what goes to the provider, and the verifier that stays here. */
  record Pending(String state, String nonce, String codeVerifier, Instant expiry) {
    /** The PKCE S256 challenge: the verifier's SHA-256 in base64url. */
    String codeChallenge() {
      try {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(codeVerifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java runtime has SHA-256", e);
      }
    }
  }

  Pending begin() {
    Instant now = clock.instant();
    pending.values().removeIf(waiting -> waiting.expiry().isBefore(now));
    Pending flow = new Pending(Secrets.newSecret(""), Secrets.newSecret(""), Secrets.newSecret(""), now.plus(LIFETIME));
    pending.put(flow.state(), flow);
    return flow;
  }

  /** The sign-in the state names, once; empty when it is unknown, used or expired. */
  Optional<Pending> redeem(String state) {
    Pending waiting = state == null ? null : pending.remove(state);
    if (waiting == null || waiting.expiry().isBefore(clock.instant())) {
      return Optional.empty();
    }
    return Optional.of(waiting);
  }
}
