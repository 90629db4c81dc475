package io.ledgerbridge.worker.config;

/** Shows whether a secret is set without showing it. */
final class Masking {
  private Masking() {}

  static String mask(String secret) {
    return secret == null || secret.isEmpty() ? "<not set>" : "****";
  }
}
