package io.ledgerbridge.sandbox.salesforce;

import static io.ledgerbridge.sandbox.salesforce.SalesforceConnection.API;
import static io.ledgerbridge.sandbox.salesforce.SalesforceSObjectContractTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.sandbox.ContractClient;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.sandbox.SandboxOptions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The org's multi-currency switch: with multiple currencies on, every object has CurrencyIsoCode (in describe, in
 * SOQL, on records), a restricted picklist of the org's currencies defaulting to the corporate one; without them no
 * object has the field and naming it is refused as Salesforce refuses an unknown field.
 */
class SalesforceMultiCurrencyContractTest {
  private static final String SOBJECTS = API + "/sobjects/";
  private Sandbox sandbox;
  private ContractClient sf;
  private String[] auth;

  @BeforeEach
  void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withPorts(0, 0).withSeedCustomers(2));
    sf = new ContractClient(sandbox.salesforceUrl());
    auth = SalesforceConnection.bearer(SalesforceConnection.accessToken(sf));
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void withoutMultipleCurrenciesNoObjectHasCurrencyIsoCode() {
    assertThat(fieldNames("Account")).doesNotContain("CurrencyIsoCode");
    assertThat(fieldNames("Invoice__c")).doesNotContain("CurrencyIsoCode");
    assertError(sf.postJson(SOBJECTS + "Account", Map.of("Name", "Euro Co", "CurrencyIsoCode", "EUR"), auth), 400,
        "INVALID_FIELD");
    assertThat(sf.get(API + "/query?q=" + ContractClient.encode("SELECT CurrencyIsoCode FROM Account"), auth).status())
        .isEqualTo(400);
  }

  @Test
  void withMultipleCurrenciesEveryObjectHasCurrencyIsoCodeOfTheOrgsCurrencies() {
    assertThat(sf.send("PUT", "/__sandbox/currencies", "{\"currencies\":[\"USD\",\"EUR\"]}").status()).isEqualTo(204);

    JsonNode currency = field("Invoice__c", "CurrencyIsoCode");
    assertThat(currency.get("type").asText()).isEqualTo("picklist");
    assertThat(currency.get("restrictedPicklist").asBoolean()).isTrue();
    assertThat(currency.get("createable").asBoolean()).isTrue();
    assertThat(currency.get("picklistValues")).extracting(value -> value.get("value").asText()).containsExactly("USD", "EUR");
    assertThat(fieldNames("Account")).contains("CurrencyIsoCode");

    String euro = sf.postJson(SOBJECTS + "Account", Map.of("Name", "Euro Co", "CurrencyIsoCode", "EUR"), auth).json()
        .get("id").asText();
    String corporate = sf.postJson(SOBJECTS + "Account", Map.of("Name", "Dollar Co"), auth).json().get("id").asText();
    assertThat(sf.get(SOBJECTS + "Account/" + euro, auth).json().get("CurrencyIsoCode").asText()).isEqualTo("EUR");
    assertThat(sf.get(SOBJECTS + "Account/" + corporate, auth).json().get("CurrencyIsoCode").asText())
        .as("the corporate currency").isEqualTo("USD");
    assertError(sf.postJson(SOBJECTS + "Account", Map.of("Name", "Pound Co", "CurrencyIsoCode", "GBP"), auth), 400,
        "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST");
    String memo = sf.postJson(SOBJECTS + "Credit_Memo__c", Map.of("Name", "Euro credit", "Account__c", euro,
        "CurrencyIsoCode", "EUR"), auth).json().get("id").asText();
    String line = sf.postJson(SOBJECTS + "Credit_Memo_Line__c", Map.of("Name", "line", "Credit_Memo__c", memo,
        "Amount__c", 10), auth).json().get("id").asText();
    assertThat(sf.get(SOBJECTS + "Credit_Memo_Line__c/" + line, auth).json().get("CurrencyIsoCode").asText())
        .as("a detail is in its master's currency").isEqualTo("EUR");

    sandbox.reset();
    assertThat(fieldNames("Account")).as("a reset turns it off").doesNotContain("CurrencyIsoCode");
  }

  private List<String> fieldNames(String type) {
    JsonNode describe = sf.get(SOBJECTS + type + "/describe", auth).json();
    List<String> names = new java.util.ArrayList<>();
    describe.get("fields").forEach(f -> names.add(f.get("name").asText()));
    return names;
  }

  private JsonNode field(String type, String name) {
    for (JsonNode f : sf.get(SOBJECTS + type + "/describe", auth).json().get("fields")) {
      if (f.get("name").asText().equals(name)) {
        return f;
      }
    }
    throw new AssertionError(type + " has no " + name);
  }
}
