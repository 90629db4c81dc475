package io.ledgerbridge.worker.observability;

import static org.assertj.core.api.Assertions.assertThat;

import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** Which system a call went to, told by its path wherever the host is (the sandbox serves all on one). */
class RemoteSystemTest {

  @Test
  void intuitsOAuthCallsAreQuickBooksOnAnyHost() {
    for (String path : new String[] {"/oauth2/v1/tokens/bearer", "/v2/oauth2/tokens/revoke", "/connect/oauth2"}) {
      HttpUrl url = HttpUrl.get("http://127.0.0.1:9101" + path);
      assertThat(RemoteSystem.of(url)).as(path).isEqualTo(RemoteSystem.QUICKBOOKS);
      assertThat(RemoteSystem.QUICKBOOKS.operation(url)).as(path).isEqualTo("oauth");
    }
  }

  @Test
  void apiCallsAreNamedByTheirOperation() {
    HttpUrl query = HttpUrl.get("http://127.0.0.1:9101/v3/company/9130/query?query=x");
    HttpUrl sobjects = HttpUrl.get("http://127.0.0.1:9102/services/data/v62.0/sobjects/Account");

    assertThat(RemoteSystem.of(query)).isEqualTo(RemoteSystem.QUICKBOOKS);
    assertThat(RemoteSystem.QUICKBOOKS.operation(query)).isEqualTo("query");
    assertThat(RemoteSystem.of(sobjects)).isEqualTo(RemoteSystem.SALESFORCE);
    assertThat(RemoteSystem.SALESFORCE.operation(sobjects)).isEqualTo("sobjects");
    assertThat(RemoteSystem.of(HttpUrl.get("http://hooks.example/x"))).isEqualTo(RemoteSystem.OTHER);
  }
}
