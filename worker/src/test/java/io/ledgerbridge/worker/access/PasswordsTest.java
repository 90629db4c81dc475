package io.ledgerbridge.worker.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Passwords are kept as salted BCrypt hashes, checked against them, and refused when too short or too long for BCrypt. */
class PasswordsTest {
  @Test
  void aPasswordIsHashedWithASaltAndCheckedAgainstItsHash() {
    String first = Passwords.hash("password", "correct horse battery");
    String second = Passwords.hash("password", "correct horse battery");

    assertThat(first).startsWith("$2a$12$").isNotEqualTo(second).doesNotContain("horse");
    assertThat(Passwords.matches("correct horse battery", first)).isTrue();
    assertThat(Passwords.matches("correct horse battery", second)).isTrue();
    assertThat(Passwords.matches("correct horse batterY", first)).isFalse();
    assertThat(Passwords.matches("correct horse battery", null)).as("no person: no").isFalse();
    assertThat(Passwords.matches(null, first)).isFalse();
  }

  @Test
  void tooShortAndTooLongPasswordsAreRefusedSayingSo() {
    assertThatThrownBy(() -> Passwords.hash("password", "")).hasMessage("password: required; at least 12 characters");
    assertThatThrownBy(() -> Passwords.hash("password", "eleven char")).hasMessage("password: at least 12 characters; this one has 11");
    assertThatThrownBy(() -> Passwords.hash("password", "é".repeat(37)))
        .as("72 bytes, not characters").hasMessageStartingWith("password: at most 72 bytes in UTF-8");
  }

  @Test
  void secretsAreRandomAndStoredAsTheirSha256() {
    String secret = Secrets.newSecret("lbt_");

    assertThat(secret).matches("lbt_[A-Za-z0-9_-]{43}").isNotEqualTo(Secrets.newSecret("lbt_"));
    assertThat(Secrets.hash("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }
}
