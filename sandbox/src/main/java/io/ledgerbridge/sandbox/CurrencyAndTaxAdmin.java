package io.ledgerbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.sandbox.http.Json;
import io.ledgerbridge.sandbox.http.Response;
import io.ledgerbridge.sandbox.quickbooks.QuickBooksSimulator;
import io.ledgerbridge.sandbox.salesforce.SalesforceSimulator;
import java.util.ArrayList;
import java.util.List;

/**
 * The admin calls that set what a company or an org is set up with, for clients outside the JVM (the standalone
 * sandbox, the resilience suite): {@code PUT /__sandbox/company-settings} on the QuickBooks port with
 * {@code {"realmId":"...","country":"GB","homeCurrency":"GBP","multiCurrency":true,"automatedSalesTax":false}}
 * (see {@link Sandbox#configureQboCompany}), and {@code PUT /__sandbox/currencies} on the Salesforce port with
 * {@code {"currencies":["USD","EUR"]}}, an empty list turning multiple currencies off (see
 * {@link Sandbox#setSalesforceCurrencies}).
 */
final class CurrencyAndTaxAdmin {
  private CurrencyAndTaxAdmin() {}

  static void register(AdminEndpoints quickBooksAdmin, QuickBooksSimulator quickBooks, AdminEndpoints salesforceAdmin,
      SalesforceSimulator salesforce) {
    quickBooksAdmin.register("PUT", "company-settings", request -> {
      JsonNode body = Json.parse(request.body());
      String realmId = required(body, "realmId");
      QboCompanyProfile us = QboCompanyProfile.us();
      quickBooks.configureCompany(realmId, new QboCompanyProfile(body.path("country").asText(us.country()),
          body.path("homeCurrency").asText(us.homeCurrency()), body.path("multiCurrency").asBoolean(us.multiCurrency()),
          body.path("automatedSalesTax").asBoolean(us.automatedSalesTax())));
      return Response.empty(204);
    });
    salesforceAdmin.register("PUT", "currencies", request -> {
      JsonNode currencies = Json.parse(request.body()).path("currencies");
      if (!currencies.isArray()) {
        throw new IllegalArgumentException("currencies must be a list of ISO codes, e.g. [\"USD\",\"EUR\"]");
      }
      List<String> codes = new ArrayList<>();
      currencies.forEach(code -> codes.add(code.asText()));
      salesforce.setCurrencies(codes);
      return Response.empty(204);
    });
  }

  private static String required(JsonNode body, String field) {
    String value = body.path(field).asText("");
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + " is required");
    }
    return value;
  }
}
