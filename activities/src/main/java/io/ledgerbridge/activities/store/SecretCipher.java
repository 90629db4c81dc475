package io.ledgerbridge.activities.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets (OAuth tokens) at rest with AES-256-GCM. Each value gets a fresh 96-bit nonce,
 * and a context string (e.g. which connection and which token) is bound as associated data, so a
 * ciphertext copied into another row or column fails to decrypt instead of yielding a wrong token.
 */
public final class SecretCipher {
  private static final String PREFIX = "v1:";
  private static final int KEY_BYTES = 32;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  /**
   * @param base64Key 32 random bytes, base64-encoded, e.g. from {@link #newBase64Key()}
   * @throws IllegalArgumentException when the key is missing, not base64 or not 32 bytes
   */
  public SecretCipher(String base64Key) {
    if (base64Key == null || base64Key.isBlank()) {
      throw new IllegalArgumentException(
          "the token encryption key is missing; set it to 32 random bytes in base64 (SecretCipher.newBase64Key())");
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(base64Key.trim());
    } catch (IllegalArgumentException notBase64) {
      throw new IllegalArgumentException("the token encryption key is not valid base64");
    }
    if (raw.length != KEY_BYTES) {
      throw new IllegalArgumentException(
          "the token encryption key must be 32 bytes (AES-256), base64-encoded; it has " + raw.length + " bytes");
    }
    this.key = new SecretKeySpec(raw, "AES");
  }

  /** A new random key for {@link #SecretCipher(String)}. */
  public static String newBase64Key() {
    byte[] raw = new byte[KEY_BYTES];
    RANDOM.nextBytes(raw);
    return Base64.getEncoder().encodeToString(raw);
  }

  /** Encrypts {@code plaintext}, binding it to {@code context}; null stays null. */
  public String encrypt(String plaintext, String context) {
    if (plaintext == null) {
      return null;
    }
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      ByteBuffer out = ByteBuffer.allocate(nonce.length + sealed.length);
      out.put(nonce).put(sealed);
      return PREFIX + Base64.getEncoder().encodeToString(out.array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encrypt a secret: " + e.getClass().getSimpleName(), e);
    }
  }

  /**
   * Decrypts what {@link #encrypt} made with the same context; null stays null.
   *
   * @throws IllegalStateException when the value was made with another key or context, or altered
   */
  public String decrypt(String ciphertext, String context) {
    if (ciphertext == null) {
      return null;
    }
    if (!ciphertext.startsWith(PREFIX)) {
      throw new IllegalStateException("stored secret for " + context + " is not in a known format");
    }
    try {
      byte[] all = Base64.getDecoder().decode(ciphertext.substring(PREFIX.length()));
      if (all.length < NONCE_BYTES + TAG_BITS / 8) {
        throw new IllegalStateException("stored secret for " + context + " is truncated");
      }
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
      cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      byte[] plain = cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "cannot decrypt the stored secret for "
              + context
              + ": it was encrypted with another key or was altered; restore the key or reconnect",
          e);
    }
  }

  @Override
  public String toString() {
    return "SecretCipher[AES-256-GCM, key=****]";
  }
}
