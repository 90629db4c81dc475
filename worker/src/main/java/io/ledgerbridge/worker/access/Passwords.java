package io.ledgerbridge.worker.access;

import java.nio.charset.StandardCharsets;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** People's passwords: the rules a new one must meet, and BCrypt to store and check them. */
final class Passwords {
  static final int MIN_LENGTH = 12;
  /** BCrypt reads at most 72 bytes; a longer password would be cut without a word. */
  static final int MAX_BYTES = 72;
  private static final BCryptPasswordEncoder BCRYPT = new BCryptPasswordEncoder(12);
  /** Checked against when no person has the email, so a sign-in takes as long whether or not the email is known. */
  private static final String NOBODY = BCRYPT.encode("no person has this email address");

  private Passwords() {}

  /** The BCrypt hash of a new password, once it meets the rules. */
  static String hash(String field, String password) {
    if (password == null || password.isEmpty()) {
      throw new IllegalArgumentException(field + ": required; at least " + MIN_LENGTH + " characters");
    }
    if (password.length() < MIN_LENGTH) {
      throw new IllegalArgumentException(field + ": at least " + MIN_LENGTH + " characters; this one has " + password.length());
    }
    if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw new IllegalArgumentException(field + ": at most " + MAX_BYTES + " bytes in UTF-8 (BCrypt reads no more);"
          + " choose a shorter one");
    }
    return BCRYPT.encode(password);
  }

  /** Whether the password is the one hashed; with no hash, checks a dummy one, taking as long, and says no. */
  static boolean matches(String password, String storedHash) {
    if (password == null || password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      return false;
    }
    boolean matches = BCRYPT.matches(password, storedHash == null ? NOBODY : storedHash);
    return storedHash != null && matches;
  }
}
