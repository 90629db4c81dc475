package io.ledgerbridge.worker.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class BearerTokenTest {

  @ParameterizedTest
  @ValueSource(strings = {"Bearer s3cret", "bearer s3cret", "BEARER s3cret", "bEaReR s3cret", "Bearer   s3cret "})
  void theSchemeIsCaseInsensitiveAndSpacesAroundTheTokenDoNotCount(String header) {
    assertThat(BearerToken.from(header)).contains("s3cret");
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "Bearer", "Bearer ", "Bearer    ", "Bearers3cret", "Bearer\ts3cret", "Basic s3cret", "Token s3cret", "s3cret"})
  void aHeaderWithoutABearerTokenHasNone(String header) {
    assertThat(BearerToken.from(header)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"s3cre", "s3cret ", "S3CRET", "s3cretx", ""})
  void onlyTheExactSecretMatches(String presented) {
    assertThat(BearerToken.matches("s3cret", "s3cret")).isTrue();
    assertThat(BearerToken.matches(presented, "s3cret")).isFalse();
    assertThat(BearerToken.matches(null, "s3cret")).isFalse();
  }
}
