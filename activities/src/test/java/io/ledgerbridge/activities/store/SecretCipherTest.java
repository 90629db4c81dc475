package io.ledgerbridge.activities.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretCipherTest {
  private final SecretCipher cipher = new SecretCipher(SecretCipher.newBase64Key());

  @Test
  void encryptedValueDecryptsWithTheSameContextAndHidesThePlaintext() {
    String sealed = cipher.encrypt("AB11-refresh-token", "QUICKBOOKS/1/refresh");

    assertThat(sealed).doesNotContain("AB11").startsWith("v1:");
    assertThat(cipher.decrypt(sealed, "QUICKBOOKS/1/refresh")).isEqualTo("AB11-refresh-token");
  }

  @Test
  void sameValueEncryptsDifferentlyEachTime() {
    assertThat(cipher.encrypt("x", "c")).isNotEqualTo(cipher.encrypt("x", "c"));
  }

  @Test
  void valueMovedToAnotherContextDoesNotDecrypt() {
    String sealed = cipher.encrypt("token", "QUICKBOOKS/1/access");

    assertThatThrownBy(() -> cipher.decrypt(sealed, "QUICKBOOKS/2/access"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("another key or was altered");
  }

  @Test
  void valueFromAnotherKeyDoesNotDecrypt() {
    String sealed = new SecretCipher(SecretCipher.newBase64Key()).encrypt("token", "c");

    assertThatThrownBy(() -> cipher.decrypt(sealed, "c")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void nullStaysNull() {
    assertThat(cipher.encrypt(null, "c")).isNull();
    assertThat(cipher.decrypt(null, "c")).isNull();
  }

  @Test
  void keyOfWrongLengthIsRejectedWithoutEchoingIt() {
    String shortKey = Base64.getEncoder().encodeToString(new byte[16]);

    assertThatThrownBy(() -> new SecretCipher(shortKey))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes")
        .hasMessageNotContaining(shortKey);
    assertThatThrownBy(() -> new SecretCipher("not base64!")).hasMessageContaining("base64");
    assertThatThrownBy(() -> new SecretCipher(" ")).hasMessageContaining("missing");
  }

  @Test
  void toStringMasksTheKey() {
    String key = SecretCipher.newBase64Key();

    assertThat(new SecretCipher(key).toString()).doesNotContain(key).contains("****");
  }
}
