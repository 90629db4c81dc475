package io.ledgerbridge.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The OpenID Connect settings are checked at start, each error naming the setting and what it should be. */
class OidcSettingsTest {

  @Test
  void noneSetIsOff() {
    assertThat(new LedgerBridgeProperties.Oidc(null, null, null, null, null).configured()).isFalse();
  }

  @Test
  void theIssuerClientIdAndSecretGoTogether() {
    assertThatThrownBy(() -> new LedgerBridgeProperties.Oidc("https://accounts.google.com", "id", null, null, null))
        .hasMessageContaining("must be set together").hasMessageContaining("missing: LEDGERBRIDGE_OIDC_CLIENT_SECRET");
    assertThatThrownBy(() -> new LedgerBridgeProperties.Oidc(null, null, null, "Google", null))
        .hasMessageContaining("set LEDGERBRIDGE_OIDC_ISSUER, _CLIENT_ID and _CLIENT_SECRET too");
  }

  @Test
  void theIssuerIsAnHttpsUrlOrOnThisMachine() {
    assertThat(new LedgerBridgeProperties.Oidc("https://login.microsoftonline.com/72f9-tenant/v2.0", "id", "secret",
        null, null).configured()).isTrue();
    assertThat(new LedgerBridgeProperties.Oidc("http://127.0.0.1:9103", "id", "secret", null, null).configured()).isTrue();
    assertThatThrownBy(() -> new LedgerBridgeProperties.Oidc("http://idp.example.com", "id", "secret", null, null))
        .hasMessageContaining("LEDGERBRIDGE_OIDC_ISSUER 'http://idp.example.com' must be the provider's https issuer URL");
    assertThatThrownBy(() -> new LedgerBridgeProperties.Oidc("accounts.google.com", "id", "secret", null, null))
        .hasMessageContaining("e.g. https://accounts.google.com");
    assertThatThrownBy(() -> new LedgerBridgeProperties.Oidc("https://idp.example.com?x=1", "id", "secret", null, null))
        .hasMessageContaining("without query or fragment");
  }

  @Test
  void allowedDomainsAreDomainsInLowerCase() {
    assertThat(new LedgerBridgeProperties.Oidc("https://accounts.google.com", "id", "secret", null,
        List.of(" Acme.com ", "acme.co.uk")).allowedDomains()).containsExactly("acme.com", "acme.co.uk");
    assertThatThrownBy(() -> new LedgerBridgeProperties.Oidc("https://accounts.google.com", "id", "secret", null,
        List.of("alice@acme.com"))).hasMessageContaining("LEDGERBRIDGE_OIDC_ALLOWED_DOMAINS: 'alice@acme.com' is not an email domain");
  }

  @Test
  void theSecretIsMasked() {
    assertThat(new LedgerBridgeProperties.Oidc("https://accounts.google.com", "id", "s3cret", null, null).toString())
        .doesNotContain("s3cret");
  }
}
