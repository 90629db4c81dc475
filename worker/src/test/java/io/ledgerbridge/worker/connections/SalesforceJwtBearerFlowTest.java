package io.ledgerbridge.worker.connections;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.worker.ApplicationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The Salesforce org reached by the JWT bearer flow, against the sandbox: demo mode makes a key pair at start and
 * registers its public key as the demo connected app's certificate, so the application signs its own assertions.
 */
@TestPropertySource(properties = {
    "ledgerbridge.salesforce.auth-flow=jwt-bearer",
    "spring.datasource.url=jdbc:h2:mem:salesforce-jwt-bearer;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
        + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1"
})
class SalesforceJwtBearerFlowTest extends ApplicationTestSupport {

  @Test
  void theOrgIsReachedWithSignedAssertionsAndHasNothingToConnectOrDisconnect() {
    ApiResponse check = call("GET", "/api/connections/salesforce/check", null);
    assertThat(check.status()).as("%s", check.body()).isEqualTo(200);

    ApiResponse list = call("GET", "/api/connections", null);
    JsonNode org = list.body().get(list.body().size() - 1);
    assertThat(org.path("system").asText()).isEqualTo("SALESFORCE");
    assertThat(org.path("authFlow").asText()).isEqualTo("jwt-bearer");
    assertThat(org.path("state").asText()).isEqualTo("CONNECTED");
    assertThat(org.hasNonNull("lastSuccessAt")).isTrue();
    assertThat(org.path("disconnectable").asBoolean()).isFalse();
    assertThat(org.hasNonNull("reconnectUrl")).isFalse();

    ApiResponse disconnect = call("DELETE", "/api/connections/salesforce", null);
    assertThat(disconnect.status()).isEqualTo(409);
    assertThat(disconnect.body().path("message").asText()).contains("jwt-bearer flow")
        .contains("LEDGERBRIDGE_SALESFORCE_PRIVATE_KEY_FILE").contains("stores no Salesforce token");
    ApiResponse connect = call("POST", "/api/connections/salesforce/authorizations", null);
    assertThat(connect.status()).isEqualTo(409);
    assertThat(connect.body().path("message").asText()).contains("LEDGERBRIDGE_SALESFORCE_AUTH_FLOW=web-server");
  }
}
