package io.ledgerbridge.activities.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.ledgerbridge.activities.errors.CallRetries;
import io.ledgerbridge.activities.errors.RemoteFailures;
import io.ledgerbridge.activities.store.ConnectedSystem;
import io.ledgerbridge.activities.store.ConnectionStore;
import io.ledgerbridge.activities.store.SecretCipher;
import io.ledgerbridge.activities.testing.SandboxFixture;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.sandbox.SandboxOptions;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web-server and JWT bearer flows against the sandbox Salesforce, and what their settings refuse. */
class SalesforceLoginTest {
  private static final String REDIRECT_URI = "http://127.0.0.1:8080/connect/salesforce/callback";

  @TempDir Path dir;

  @Test
  void theWebServerFlowStoresTheRefreshTokenEncryptedAndAsksAnAdminAgainOnceItIsRefused() {
    try (SandboxFixture fx = new SandboxFixture(SandboxOptions.defaults().withSeedCustomers(0))) {
      List<String> alerts = new CopyOnWriteArrayList<>();
      ConnectionStore connections = new ConnectionStore(fx.jdbc, new SecretCipher(SecretCipher.newBase64Key()),
          (system, account, reason, since) -> alerts.add(system + " " + account + ": " + reason));
      SalesforceLogin login = webServerLogin(fx, connections);
      SalesforceClient client = client(fx, login, connections);
      String account = login.settings().accountId();

      assertThat(catchThrowable(() -> client.query("SELECT Id FROM Account")))
          .isInstanceOf(SalesforceNotConnectedException.class).hasMessageContaining("Connect Salesforce");
      connect(fx, login);

      String stored = fx.jdbc.queryForObject("SELECT refresh_token_encrypted FROM oauth_connection WHERE system = ?",
          String.class, "SALESFORCE");
      String refreshToken = connections.find(ConnectedSystem.SALESFORCE, account).orElseThrow().refreshToken();
      assertThat(stored).startsWith("v1:").doesNotContain(refreshToken);
      assertThat(client.query("SELECT Id FROM Account").totalSize()).isZero();
      assertThat(fx.count("POST", "/services/oauth2/token")).as("one refresh_token grant").isEqualTo(2);

      fx.sandbox.revokeTokens();
      Throwable refused = catchThrowable(() -> client.query("SELECT Id FROM Account"));
      assertThat(refused).isInstanceOf(SalesforceAuthException.class).hasMessageContaining("invalid_grant")
          .hasMessageContaining("connect Salesforce again");
      assertThat(alerts).singleElement().asString().startsWith("SALESFORCE " + account + ": ");

      fx.requests.clear();
      for (int run = 0; run < 3; run++) {
        Throwable again = catchThrowable(() -> client.query("SELECT Id FROM Account"));
        assertThat(again).isInstanceOf(SalesforceReauthorizationNeededException.class)
            .hasMessageContaining("needs re-authorization since");
        ApplicationFailure failure = (ApplicationFailure) RemoteFailures.toActivityFailure((RuntimeException) again);
        assertThat(failure.getType()).isEqualTo("AUTH");
        assertThat(failure.isNonRetryable()).isTrue();
      }
      assertThat(fx.requests).as("nothing is sent to Salesforce while it needs re-authorization").isEmpty();
      assertThat(alerts).as("one alert, however many calls meet the dead token").hasSize(1);

      connect(fx, login);

      assertThat(client.query("SELECT Id FROM Account").totalSize()).isZero();
      assertThat(connections.reauthorization(ConnectedSystem.SALESFORCE, account)).isEmpty();
    }
  }

  @Test
  void disconnectingRevokesTheRefreshTokenAndItsSessionsAndForgetsIt() {
    try (SandboxFixture fx = new SandboxFixture(SandboxOptions.defaults().withSeedCustomers(0))) {
      SalesforceLogin login = webServerLogin(fx, fx.connections);
      SalesforceClient client = client(fx, login, fx.connections);
      connect(fx, login);
      client.query("SELECT Id FROM Account");

      assertThat(login.disconnect()).isTrue();

      assertThat(fx.count("POST", "/services/oauth2/revoke")).isEqualTo(1);
      assertThat(fx.connections.find(ConnectedSystem.SALESFORCE, login.settings().accountId())).isEmpty();
      assertThat(catchThrowable(() -> client.query("SELECT Id FROM Account")))
          .as("the cached session ended with the refresh token")
          .isInstanceOf(SalesforceNotConnectedException.class);
      assertThatThrownBy(login::disconnect).isInstanceOf(SalesforceNotConnectedException.class);
    }
  }

  @Test
  void theOtherFlowsHaveNothingToConnectOrDisconnect() {
    try (SandboxFixture fx = new SandboxFixture(SandboxOptions.defaults().withSeedCustomers(0))) {
      SalesforceLogin login = new SalesforceLogin(fx.http, new SalesforceSettings(fx.sandbox.salesforceUrl(),
          Sandbox.SALESFORCE_CLIENT_ID, Sandbox.SALESFORCE_CLIENT_SECRET, Sandbox.SALESFORCE_API_VERSION), null,
          Clock.systemUTC());

      assertThatThrownBy(login::disconnect).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("client-credentials flow").hasMessageContaining("LEDGERBRIDGE_SALESFORCE_AUTH_FLOW");
    }
  }

  @Test
  void theJwtBearerFlowSignsWithThePrivateKeyFileAndNeedsTheRegisteredCertificate() throws Exception {
    try (SandboxFixture fx = new SandboxFixture(SandboxOptions.defaults().withSeedCustomers(0))) {
      KeyPair keys = rsaKeyPair();
      Path keyFile = pkcs8Pem(keys);
      SalesforceSettings settings = SalesforceSettings.jwtBearer(fx.sandbox.salesforceUrl(), Sandbox.SALESFORCE_CLIENT_ID,
          Sandbox.SALESFORCE_USERNAME, JwtBearerAssertion.readPrivateKey(keyFile), Sandbox.SALESFORCE_API_VERSION);
      SalesforceClient client = client(fx, new SalesforceLogin(fx.http, settings, null, Clock.systemUTC()), fx.connections);

      Throwable unregistered = catchThrowable(() -> client.query("SELECT Id FROM Account"));
      assertThat(unregistered).isInstanceOf(SalesforceAuthException.class)
          .hasMessageContaining("invalid_grant: invalid assertion")
          .hasMessageContaining("certificate uploaded to the connected app matches the private key");

      fx.sandbox.useSalesforceJwtCertificateKey(keys.getPublic());

      assertThat(client.query("SELECT Id FROM Account").totalSize()).isZero();
      assertThat(client.user()).hasValueSatisfying(user -> assertThat(user.username()).isEqualTo(Sandbox.SALESFORCE_USERNAME));
    }
  }

  @Test
  void jwtAudienceIsTheLoginServerOfTheOrgsKind() {
    KeyPair keys = rsaKeyPair();
    assertThat(jwt("https://login.salesforce.com", keys).jwtAudience()).isEqualTo("https://login.salesforce.com");
    assertThat(jwt("https://acme.my.salesforce.com", keys).jwtAudience()).isEqualTo("https://login.salesforce.com");
    assertThat(jwt("https://test.salesforce.com", keys).jwtAudience()).isEqualTo("https://test.salesforce.com");
    assertThat(jwt("https://acme--uat.sandbox.my.salesforce.com", keys).jwtAudience())
        .isEqualTo("https://test.salesforce.com");
    assertThat(jwt("https://acme.my.site.com/customers", keys).jwtAudience()).isEqualTo("https://acme.my.site.com/customers");
  }

  @Test
  void settingsSayWhatIsMissingOrWrong() throws IOException {
    assertThatThrownBy(() -> SalesforceSettings.webServer("https://login.salesforce.com", "key", "secret", null, "v62.0"))
        .hasMessage("salesforce.redirectUri is required");
    assertThatThrownBy(() -> SalesforceSettings.jwtBearer("https://login.salesforce.com", "key", " ",
        rsaKeyPair().getPrivate(), "v62.0")).hasMessage("salesforce.username is required");
    assertThatThrownBy(() -> SalesforceSettings.jwtBearer("https://login.salesforce.com", "key", "me@example.com", null,
        "v62.0")).hasMessageContaining("privateKey is required");
    assertThat(SalesforceSettings.jwtBearer("https://login.salesforce.com", "key", "me@example.com",
        rsaKeyPair().getPrivate(), "v62.0").toString()).contains("privateKey=****").doesNotContain("PRIVATE");
    assertThatThrownBy(() -> SalesforceAuthFlow.parse("password"))
        .hasMessage("the Salesforce auth flow must be one of client-credentials, web-server, jwt-bearer, not 'password'");

    Path pkcs1 = Files.writeString(dir.resolve("pkcs1.pem"), "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
    assertThatThrownBy(() -> JwtBearerAssertion.readPrivateKey(pkcs1))
        .hasMessageContaining("is PKCS#1 or encrypted").hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
    Path certificate = Files.writeString(dir.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
    assertThatThrownBy(() -> JwtBearerAssertion.readPrivateKey(certificate))
        .hasMessageContaining("holds no '-----BEGIN PRIVATE KEY-----' block");
    assertThatThrownBy(() -> JwtBearerAssertion.readPrivateKey(dir.resolve("absent.pem")))
        .hasMessageContaining("cannot read the Salesforce private key file");
  }

  private static SalesforceSettings jwt(String loginUrl, KeyPair keys) {
    return SalesforceSettings.jwtBearer(loginUrl, "key", "me@example.com", keys.getPrivate(), "v62.0");
  }

  private static SalesforceLogin webServerLogin(SandboxFixture fx, ConnectionStore connections) {
    return new SalesforceLogin(fx.http, SalesforceSettings.webServer(fx.sandbox.salesforceUrl(),
        Sandbox.SALESFORCE_CLIENT_ID, Sandbox.SALESFORCE_CLIENT_SECRET, REDIRECT_URI, Sandbox.SALESFORCE_API_VERSION),
        connections, Clock.systemUTC());
  }

  private static SalesforceClient client(SandboxFixture fx, SalesforceLogin login, ConnectionStore connections) {
    return new SalesforceClient(fx.http, login, CallRetries.standard(), 0, Clock.systemUTC(), connections.calls());
  }

  /** What the admin's browser does: open the authorize URL, then the callback hands the code over. */
  private static void connect(SandboxFixture fx, SalesforceLogin login) {
    OkHttpClient browser = fx.http.newBuilder().followRedirects(false).build();
    try (Response consent = browser.newCall(new Request.Builder().url(login.authorizationUrl("state-1")).build()).execute()) {
      HttpUrl callback = HttpUrl.get(consent.header("Location"));
      assertThat(callback.toString()).startsWith(REDIRECT_URI);
      assertThat(callback.queryParameter("state")).isEqualTo("state-1");
      login.completeAuthorization(callback.queryParameter("code"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path pkcs8Pem(KeyPair keys) throws IOException {
    String base64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPrivate().getEncoded());
    return Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n");
  }

  private static KeyPair rsaKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
