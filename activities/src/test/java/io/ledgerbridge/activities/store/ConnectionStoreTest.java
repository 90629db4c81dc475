package io.ledgerbridge.activities.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.activities.testing.TestDatabase;
import io.ledgerbridge.workflows.sync.FailureType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;

class ConnectionStoreTest {
  private static final Instant EXPIRY = Instant.parse("2026-11-26T10:00:00Z");

  private static OAuthConnection tokens(String access, String refresh) {
    return new OAuthConnection(
        ConnectedSystem.QUICKBOOKS, "9130", access, EXPIRY, refresh, EXPIRY.plus(100, ChronoUnit.DAYS), null, null);
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void savedTokensReadBackDecryptedAndAreEncryptedAtRest(TestDatabase db) {
    JdbcTemplate jdbc = db.freshJdbc();
    ConnectionStore store = new ConnectionStore(jdbc, new SecretCipher(SecretCipher.newBase64Key()));

    store.save(tokens("access-1", "refresh-1"));

    OAuthConnection read = store.find(ConnectedSystem.QUICKBOOKS, "9130").orElseThrow();
    assertThat(read.accessToken()).isEqualTo("access-1");
    assertThat(read.refreshToken()).isEqualTo("refresh-1");
    assertThat(read.accessTokenExpiresAt()).isEqualTo(EXPIRY);
    assertThat(read.version()).isNotNull();
    String raw =
        jdbc.queryForObject(
            "SELECT access_token_encrypted || ' ' || refresh_token_encrypted FROM oauth_connection", String.class);
    assertThat(raw).doesNotContain("access-1").doesNotContain("refresh-1");
    assertThat(store.isConnected(ConnectedSystem.QUICKBOOKS, "9130")).isTrue();
    assertThat(store.isConnected(ConnectedSystem.QUICKBOOKS, "other")).isFalse();
    assertThat(store.accountIds(ConnectedSystem.QUICKBOOKS)).containsExactly("9130");
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void rotatedTokensReplaceTheStoredOnesOnlyFromTheCurrentVersion(TestDatabase db) {
    ConnectionStore store = new ConnectionStore(db.freshJdbc(), new SecretCipher(SecretCipher.newBase64Key()));
    store.save(tokens("access-1", "refresh-1"));
    OAuthConnection current = store.find(ConnectedSystem.QUICKBOOKS, "9130").orElseThrow();

    assertThat(store.replaceTokens(current, tokens("access-2", "refresh-2"))).isPresent();
    // A second writer still holding the old version must not overwrite the newer tokens.
    assertThat(store.replaceTokens(current, tokens("access-3", "refresh-3"))).isEmpty();

    OAuthConnection stored = store.find(ConnectedSystem.QUICKBOOKS, "9130").orElseThrow();
    assertThat(stored.accessToken()).isEqualTo("access-2");
    assertThat(stored.refreshToken()).isEqualTo("refresh-2");
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void savingAgainReplacesTheConnectionAndDeleteForgetsIt(TestDatabase db) {
    ConnectionStore store = new ConnectionStore(db.freshJdbc(), new SecretCipher(SecretCipher.newBase64Key()));
    store.save(tokens("access-1", "refresh-1"));
    store.save(tokens("access-9", "refresh-9"));

    assertThat(store.find(ConnectedSystem.QUICKBOOKS, "9130").orElseThrow().refreshToken()).isEqualTo("refresh-9");

    store.delete(ConnectedSystem.QUICKBOOKS, "9130");
    assertThat(store.find(ConnectedSystem.QUICKBOOKS, "9130")).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void aRefusedRefreshTokenIsMarkedOnceFromTheVersionReadAndASaveClearsTheMark(TestDatabase db) {
    List<String> heard = new ArrayList<>();
    ConnectionStore store = new ConnectionStore(db.freshJdbc(), new SecretCipher(SecretCipher.newBase64Key()),
        (system, account, reason, since) -> heard.add(account + ": " + reason));
    store.save(tokens("access-1", "refresh-1"));
    OAuthConnection read = store.find(ConnectedSystem.QUICKBOOKS, "9130").orElseThrow();

    assertThat(store.markNeedsReauthorization(read, "refused")).isTrue();
    assertThat(store.markNeedsReauthorization(read, "refused again")).as("a second worker with the same read").isFalse();

    assertThat(heard).containsExactly("9130: refused");
    assertThat(store.isConnected(ConnectedSystem.QUICKBOOKS, "9130")).isFalse();
    assertThat(store.find(ConnectedSystem.QUICKBOOKS, "9130").orElseThrow().refreshToken()).isNull();
    assertThat(store.reauthorization(ConnectedSystem.QUICKBOOKS, "9130").orElseThrow().reason()).isEqualTo("refused");
    assertThat(store.list(ConnectedSystem.QUICKBOOKS)).singleElement()
        .satisfies(stored -> assertThat(stored.reauthorization().reason()).isEqualTo("refused"));

    store.save(tokens("access-2", "refresh-2"));
    assertThat(store.reauthorization(ConnectedSystem.QUICKBOOKS, "9130")).isEmpty();
    assertThat(store.isConnected(ConnectedSystem.QUICKBOOKS, "9130")).isTrue();
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void aMarkMadeFromAnOldVersionLeavesTokensRotatedMeanwhile(TestDatabase db) {
    ConnectionStore store = new ConnectionStore(db.freshJdbc(), new SecretCipher(SecretCipher.newBase64Key()));
    store.save(tokens("access-1", "refresh-1"));
    OAuthConnection read = store.find(ConnectedSystem.QUICKBOOKS, "9130").orElseThrow();
    store.replaceTokens(read, tokens("access-2", "refresh-2"));

    assertThat(store.markNeedsReauthorization(read, "refused")).isFalse();
    assertThat(store.find(ConnectedSystem.QUICKBOOKS, "9130").orElseThrow().refreshToken()).isEqualTo("refresh-2");
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void callOutcomesKeepTheLastSuccessAndTheLastFailureWithItsReason(TestDatabase db) {
    ConnectionStore store = new ConnectionStore(db.freshJdbc(), new SecretCipher(SecretCipher.newBase64Key()));

    store.calls().succeeded(ConnectedSystem.SALESFORCE, "acme.my.salesforce.com");
    store.calls().failed(ConnectedSystem.SALESFORCE, "acme.my.salesforce.com", FailureType.REMOTE_UNAVAILABLE, "Salesforce is down");

    ConnectionCalls.LastCalls calls = store.calls().of(ConnectedSystem.SALESFORCE).get("acme.my.salesforce.com");
    assertThat(calls.lastSuccessAt()).isNotNull();
    assertThat(calls.lastFailureAt()).isNotNull();
    assertThat(calls.lastFailureReason()).isEqualTo("Salesforce is down");
    assertThat(calls.lastFailureType()).isEqualTo(FailureType.REMOTE_UNAVAILABLE);
    assertThat(calls.lastFailed()).isTrue();
    assertThat(store.calls().of(ConnectedSystem.QUICKBOOKS)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void connectionToStringMasksTokens(TestDatabase db) {
    assertThat(tokens("access-secret", "refresh-secret").toString())
        .doesNotContain("access-secret")
        .doesNotContain("refresh-secret");
  }
}
