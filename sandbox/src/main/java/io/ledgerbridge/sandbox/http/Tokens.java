package io.ledgerbridge.sandbox.http;

import java.security.SecureRandom;

/** Random secrets (tokens, codes). Unlike demo data these are not seeded: a token must not be guessable. */
public final class Tokens {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  private Tokens() {}

  public static String alphanumeric(int length) {
    char[] chars = new char[length];
    for (int i = 0; i < length; i++) {
      chars[i] = ALPHANUMERIC[RANDOM.nextInt(ALPHANUMERIC.length)];
    }
    return new String(chars);
  }

  public static String uuid() {
    return java.util.UUID.randomUUID().toString();
  }
}
