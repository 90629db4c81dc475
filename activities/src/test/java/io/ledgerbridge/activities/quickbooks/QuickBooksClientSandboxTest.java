package io.ledgerbridge.activities.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.activities.errors.RemoteFailures;
import io.ledgerbridge.activities.store.ConnectedSystem;
import io.ledgerbridge.activities.store.OAuthConnection;
import io.ledgerbridge.activities.testing.MutableClock;
import io.ledgerbridge.activities.testing.SandboxFixture;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.sandbox.SandboxOptions;
import io.temporal.failure.ApplicationFailure;
import io.ledgerbridge.activities.errors.CallRetries;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The QBO client against the LedgerBridge sandbox: the same calls, a server we did not write the client against. */
class QuickBooksClientSandboxTest {

  @Test
  void connectingTheDemoCompanyStoresTokensAndQueriesPageWithStartPosition() {
    try (SandboxFixture fx = new SandboxFixture(SandboxOptions.defaults().withSeedCustomers(25))) {
      QuickBooksClient client = fx.quickBooks();
      assertThat(client.isConnected(Sandbox.DEMO_REALM_ID)).isFalse();

      String realmId = fx.connect(client);

      assertThat(realmId).isEqualTo(Sandbox.DEMO_REALM_ID);
      assertThat(client.isConnected(realmId)).isTrue();
      QueryPage first = client.queryPage(realmId, "Customer", "ORDERBY MetaData.LastUpdatedTime", 1, 10);
      QueryPage third = client.queryPage(realmId, "Customer", "ORDERBY MetaData.LastUpdatedTime", 21, 10);
      assertThat(first.records()).hasSize(10);
      assertThat(first.hasMore()).isTrue();
      assertThat(third.hasMore()).isFalse();
      List<ObjectNode> all = client.queryAll(realmId, "Customer", "ORDERBY MetaData.LastUpdatedTime");
      assertThat(all).extracting(c -> c.get("Id").asText()).doesNotHaveDuplicates();
      assertThat(all.size()).isGreaterThanOrEqualTo(25);
      assertThat(all.get(0).path("MetaData").path("LastUpdatedTime").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[-+]\\d\\d:\\d\\d");
    }
  }

  @Test
  void expiredAccessTokenIsRefreshedAfterA401AndTheRotatedRefreshTokenKeepsWorking() {
    MutableClock sandboxClock = new MutableClock(Instant.now());
    try (SandboxFixture fx = new SandboxFixture(SandboxOptions.defaults().withSeedCustomers(3).withClock(sandboxClock))) {
      // The client's clock stands still, so it believes its token is fresh and only the 401 tells it otherwise.
      QuickBooksClient client =
          new QuickBooksClient(fx.http, settings(fx), fx.connections, QuickBooksPacing.of(fx.budgets), Clock.fixed(sandboxClock.instant(), sandboxClock.getZone()),
              CallRetries.standard());
      String realmId = fx.connect(client);
      String firstRefresh = refreshToken(fx, realmId);

      sandboxClock.advance(Duration.ofMinutes(61));
      ObjectNode customer = client.read(realmId, "Customer", firstCustomerId(client, realmId));

      assertThat(customer.get("Id")).isNotNull();
      assertThat(fx.count("POST", "/oauth2/v1/tokens/bearer")).isEqualTo(2); // code exchange, then one refresh
      String rotated = refreshToken(fx, realmId);
      assertThat(rotated).isNotEqualTo(firstRefresh);

      sandboxClock.advance(Duration.ofMinutes(61));
      client.read(realmId, "Customer", customer.get("Id").asText()); // refreshes with the saved, rotated token
      assertThat(fx.count("POST", "/oauth2/v1/tokens/bearer")).isEqualTo(3);
    }
  }

  @Test
  void tokenAboutToExpireIsRefreshedBeforeTheCall() {
    MutableClock clock = new MutableClock(Instant.now());
    try (SandboxFixture fx = new SandboxFixture(SandboxOptions.defaults().withSeedCustomers(3).withClock(clock))) {
      QuickBooksClient client = new QuickBooksClient(fx.http, settings(fx), fx.connections, QuickBooksPacing.of(fx.budgets), clock, CallRetries.standard());
      String realmId = fx.connect(client);

      clock.advance(Duration.ofMinutes(58));
      client.queryPage(realmId, "Customer", "", 1, 10);

      List<String> calls = fx.requests.stream().filter(r -> !r.contains("/connect/")).collect(Collectors.toList());
      assertThat(calls).containsExactly(
          "POST /oauth2/v1/tokens/bearer", "POST /oauth2/v1/tokens/bearer", "GET /v3/company/" + realmId + "/query");
    }
  }

  @Test
  void revokedAuthorizationIsAuthFailureTellingTheAdminToReconnect() {
    try (SandboxFixture fx = new SandboxFixture(SandboxOptions.defaults().withSeedCustomers(3))) {
      QuickBooksClient client = fx.quickBooks();
      String realmId = fx.connect(client);

      fx.sandbox.revokeTokens();
      Throwable thrown = catchThrowable(() -> client.queryPage(realmId, "Customer", "", 1, 10));

      assertThat(thrown).isInstanceOf(QuickBooksAuthException.class);
      ApplicationFailure failure = (ApplicationFailure) RemoteFailures.toActivityFailure((RuntimeException) thrown);
      assertThat(failure.getType()).isEqualTo("AUTH");
      assertThat(failure.getOriginalMessage()).contains("reconnect the company").contains(realmId);
    }
  }

  @Test
  void validationFaultFromTheSandboxIsParsed() {
    try (SandboxFixture fx = new SandboxFixture(SandboxOptions.defaults().withSeedCustomers(3))) {
      QuickBooksClient client = fx.quickBooks();
      String realmId = fx.connect(client);
      ObjectNode existing = client.queryPage(realmId, "Customer", "", 1, 1).records().get(0);
      ObjectNode duplicate = existing.objectNode().put("DisplayName", existing.get("DisplayName").asText());

      Throwable thrown = catchThrowable(() -> client.save(realmId, "Customer", duplicate, "lb-dup-1"));

      assertThat(thrown).isInstanceOf(QuickBooksException.class);
      QuickBooksException fault = (QuickBooksException) thrown;
      assertThat(fault.httpStatus()).isEqualTo(400);
      assertThat(fault.code()).isEqualTo("6240");
      assertThat(((ApplicationFailure) RemoteFailures.toActivityFailure(fault)).getType()).isEqualTo("DUPLICATE");
    }
  }

  private static QuickBooksSettings settings(SandboxFixture fx) {
    return QuickBooksSettings.at(fx.sandbox.quickBooksUrl(), Sandbox.QBO_CLIENT_ID, Sandbox.QBO_CLIENT_SECRET, SandboxFixture.REDIRECT_URI);
  }

  private static String refreshToken(SandboxFixture fx, String realmId) {
    OAuthConnection stored = fx.connections.find(ConnectedSystem.QUICKBOOKS, realmId).orElseThrow();
    return stored.refreshToken();
  }

  private static String firstCustomerId(QuickBooksClient client, String realmId) {
    return client.queryPage(realmId, "Customer", "", 1, 1).records().get(0).get("Id").asText();
  }
}
