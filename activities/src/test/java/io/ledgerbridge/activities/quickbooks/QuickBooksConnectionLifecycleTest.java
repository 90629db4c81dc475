package io.ledgerbridge.activities.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.ledgerbridge.activities.errors.RemoteFailures;
import io.ledgerbridge.activities.store.ConnectedSystem;
import io.ledgerbridge.activities.store.ConnectionCalls;
import io.ledgerbridge.activities.store.ConnectionStore;
import io.ledgerbridge.activities.store.SecretCipher;
import io.ledgerbridge.activities.testing.SandboxFixture;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.sandbox.SandboxOptions;
import io.ledgerbridge.workflows.sync.FailureType;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** Disconnecting a company, and a company whose refresh token Intuit (the sandbox) no longer takes. */
class QuickBooksConnectionLifecycleTest {

  @Test
  void aRefusedRefreshTokenMarksTheCompanyOnceAndLaterCallsFailAtOnceUntilItIsReconnected() {
    try (SandboxFixture fx = new SandboxFixture(SandboxOptions.defaults().withSeedCustomers(3))) {
      List<String> alerts = new CopyOnWriteArrayList<>();
      ConnectionStore connections = new ConnectionStore(fx.jdbc, new SecretCipher(SecretCipher.newBase64Key()),
          (system, account, reason, since) -> alerts.add(system + " " + account + ": " + reason));
      QuickBooksClient client = client(fx, connections);
      String realmId = fx.connect(client);
      fx.sandbox.revokeTokens();

      Throwable first = catchThrowable(() -> client.queryPage(realmId, "Customer", "", 1, 10));
      assertThat(first).isInstanceOf(QuickBooksAuthException.class);
      assertThat(((QuickBooksAuthException) first).error()).isEqualTo("invalid_grant");
      assertThat(alerts).singleElement().asString().startsWith("QUICKBOOKS " + realmId + ": ").contains("invalid_grant");

      fx.requests.clear();
      for (int run = 0; run < 3; run++) {
        Throwable again = catchThrowable(() -> client.queryPage(realmId, "Customer", "", 1, 10));
        assertThat(again).isInstanceOf(QuickBooksReauthorizationNeededException.class)
            .hasMessageContaining("QuickBooks company " + realmId + " needs re-authorization since")
            .hasMessageContaining("invalid_grant")
            .hasMessageContaining("reconnects it");
        ApplicationFailure failure = (ApplicationFailure) RemoteFailures.toActivityFailure((RuntimeException) again);
        assertThat(failure.getType()).isEqualTo("AUTH");
        assertThat(failure.isNonRetryable()).isTrue();
      }
      assertThat(fx.requests).as("nothing is sent to Intuit while the company needs re-authorization").isEmpty();
      assertThat(alerts).as("one alert, however many calls meet the dead token").hasSize(1);
      assertThat(client.isConnected(realmId)).isFalse();
      assertThat(connections.reauthorization(ConnectedSystem.QUICKBOOKS, realmId)).isPresent();
      ConnectionCalls.LastCalls calls = connections.calls().of(ConnectedSystem.QUICKBOOKS).get(realmId);
      assertThat(calls.lastFailureReason()).contains("invalid_grant");
      assertThat(calls.lastFailureType()).isEqualTo(FailureType.AUTH);
      assertThat(calls.lastSuccessAt()).as("connecting makes no API call").isNull();

      fx.connect(client);

      assertThat(client.queryPage(realmId, "Customer", "", 1, 10).records()).hasSize(3);
      assertThat(connections.reauthorization(ConnectedSystem.QUICKBOOKS, realmId)).isEmpty();
      assertThat(connections.calls().of(ConnectedSystem.QUICKBOOKS).get(realmId).lastSuccessAt()).isNotNull();
      assertThat(connections.list(ConnectedSystem.QUICKBOOKS)).singleElement()
          .satisfies(stored -> {
            assertThat(stored.hasRefreshToken()).isTrue();
            assertThat(stored.authorizedAt()).isNotNull();
            assertThat(stored.reauthorization()).isNull();
          });
    }
  }

  @Test
  void disconnectingRevokesTheRefreshTokenAtIntuitAndForgetsTheTokens() throws IOException {
    try (SandboxFixture fx = new SandboxFixture(SandboxOptions.defaults().withSeedCustomers(3))) {
      QuickBooksClient client = fx.quickBooks();
      String realmId = fx.connect(client);
      String refreshToken = fx.connections.find(ConnectedSystem.QUICKBOOKS, realmId).orElseThrow().refreshToken();

      assertThat(client.disconnect(realmId)).isTrue();

      assertThat(fx.requests).contains("POST /v2/oauth2/tokens/revoke");
      assertThat(fx.connections.find(ConnectedSystem.QUICKBOOKS, realmId)).isEmpty();
      Request refresh = new Request.Builder()
          .url(fx.sandbox.quickBooksUrl() + "/oauth2/v1/tokens/bearer")
          .header("Authorization", Credentials.basic(Sandbox.QBO_CLIENT_ID, Sandbox.QBO_CLIENT_SECRET))
          .post(new FormBody.Builder().add("grant_type", "refresh_token").add("refresh_token", refreshToken).build())
          .build();
      try (Response refused = fx.http.newCall(refresh).execute()) {
        assertThat(refused.code()).isEqualTo(400);
        assertThat(refused.body().string()).contains("invalid_grant");
      }
      assertThat(catchThrowable(() -> client.disconnect(realmId))).isInstanceOf(QuickBooksNotConnectedException.class);
    }
  }

  @Test
  void aCompanyWhoseTokenIntuitAlreadyRefusedIsForgottenWithoutAskingIntuit() {
    try (SandboxFixture fx = new SandboxFixture(SandboxOptions.defaults().withSeedCustomers(3))) {
      QuickBooksClient client = fx.quickBooks();
      String realmId = fx.connect(client);
      fx.sandbox.revokeTokens();
      catchThrowable(() -> client.queryPage(realmId, "Customer", "", 1, 10));
      fx.requests.clear();

      assertThat(client.disconnect(realmId)).isFalse();

      assertThat(fx.requests).isEmpty();
      assertThat(fx.connections.find(ConnectedSystem.QUICKBOOKS, realmId)).isEmpty();
    }
  }

  private static QuickBooksClient client(SandboxFixture fx, ConnectionStore connections) {
    return new QuickBooksClient(
        fx.http,
        QuickBooksSettings.at(fx.sandbox.quickBooksUrl(), Sandbox.QBO_CLIENT_ID, Sandbox.QBO_CLIENT_SECRET, SandboxFixture.REDIRECT_URI),
        connections,
        fx.limits);
  }
}
