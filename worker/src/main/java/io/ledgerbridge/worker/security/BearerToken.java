package io.ledgerbridge.worker.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;

/**
 * The token of an {@code Authorization: Bearer <token>} header. The scheme is case-insensitive
 * (RFC 7235), so {@code bearer} and {@code BEARER} are as good as {@code Bearer}; one or more
 * spaces may follow it.
 */
public final class BearerToken {
  private static final String SCHEME = "bearer";

  private BearerToken() {}

  /** The token, or empty when the header is missing, names another scheme or carries no token. */
  public static Optional<String> from(String authorizationHeader) {
    if (authorizationHeader == null || authorizationHeader.length() <= SCHEME.length()
        || !authorizationHeader.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)
        || authorizationHeader.charAt(SCHEME.length()) != ' ') {
      return Optional.empty();
    }
    String token = authorizationHeader.substring(SCHEME.length()).trim();
    return token.isEmpty() ? Optional.empty() : Optional.of(token);
  }

  /**
   * Whether the presented token is the expected secret, compared in constant time so the secret
   * cannot be guessed byte by byte from response times.
   */
  public static boolean matches(String presented, String expected) {
    return presented != null && expected != null
        && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
  }
}
