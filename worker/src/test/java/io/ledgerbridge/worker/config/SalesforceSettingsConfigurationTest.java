package io.ledgerbridge.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgerbridge.activities.salesforce.SalesforceAuthFlow;
import io.ledgerbridge.activities.salesforce.SalesforceSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What start-up says about the Salesforce settings of each flow, outside demo mode. */
class SalesforceSettingsConfigurationTest {
  @TempDir Path dir;

  @Test
  void eachFlowNamesTheVariableItMisses() {
    assertThatThrownBy(() -> settings(salesforce(null, "key", "secret", "password", null, null)))
        .hasMessage("LEDGERBRIDGE_SALESFORCE_AUTH_FLOW: the Salesforce auth flow must be one of client-credentials,"
            + " web-server, jwt-bearer, not 'password'");
    assertThatThrownBy(() -> settings(salesforce(null, "key", "secret", "client-credentials", null, null)))
        .hasMessageStartingWith("LEDGERBRIDGE_SALESFORCE_LOGIN_URL is not set");
    assertThatThrownBy(() -> settings(salesforce(null, "key", null, "web-server", null, null)))
        .hasMessageStartingWith("LEDGERBRIDGE_SALESFORCE_CLIENT_SECRET is not set");
    assertThatThrownBy(() -> settings(salesforce(null, "key", null, "jwt-bearer", null, null)))
        .hasMessageStartingWith("LEDGERBRIDGE_SALESFORCE_USERNAME is not set");
    assertThatThrownBy(() -> settings(salesforce(null, "key", null, "jwt-bearer", "me@acme.com", null)))
        .hasMessageStartingWith("LEDGERBRIDGE_SALESFORCE_PRIVATE_KEY_FILE is not set");
    assertThatThrownBy(() -> settings(salesforce(null, "key", null, "jwt-bearer", "me@acme.com", dir.resolve("none.pem"))))
        .hasMessageStartingWith("LEDGERBRIDGE_SALESFORCE_PRIVATE_KEY_FILE: cannot read the Salesforce private key file");
  }

  @Test
  void theWebServerAndJwtFlowsLogInAtProductionUnlessToldOtherwise() throws IOException, NoSuchAlgorithmException {
    SalesforceSettings webServer = settings(salesforce(null, "key", "secret", "web-server", null, null));
    assertThat(webServer.authFlow()).isEqualTo(SalesforceAuthFlow.WEB_SERVER);
    assertThat(webServer.loginUrl()).isEqualTo("https://login.salesforce.com");
    assertThat(webServer.redirectUri()).isEqualTo("https://ledgerbridge.acme.com/connect/salesforce/callback");

    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    Path key = Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n");
    SalesforceSettings jwt = settings(salesforce("https://test.salesforce.com", "key", null, "jwt-bearer", "me@acme.com", key));
    assertThat(jwt.authFlow()).isEqualTo(SalesforceAuthFlow.JWT_BEARER);
    assertThat(jwt.jwtAudience()).isEqualTo("https://test.salesforce.com");
    assertThat(jwt.username()).isEqualTo("me@acme.com");
  }

  private static SalesforceSettings settings(LedgerBridgeProperties.Salesforce salesforce) {
    LedgerBridgeProperties properties = new LedgerBridgeProperties(Path.of("data"), false, null, null, null,
        "https://ledgerbridge.acme.com", null, salesforce, null, null, null);
    return new ConnectorsConfiguration().salesforceSettings(properties, Optional.empty());
  }

  private static LedgerBridgeProperties.Salesforce salesforce(String loginUrl, String clientId, String clientSecret,
      String authFlow, String username, Path privateKeyFile) {
    return new LedgerBridgeProperties.Salesforce(loginUrl, clientId, clientSecret, "v62.0", null, 10, authFlow, username,
        privateKeyFile, 2000);
  }
}
