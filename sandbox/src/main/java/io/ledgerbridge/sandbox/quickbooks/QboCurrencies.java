package io.ledgerbridge.sandbox.quickbooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * Multi-currency as QuickBooks enforces it (Intuit, "Manage multiple currencies"): without it every customer,
 * vendor and transaction is in the home currency; with it a customer or vendor has one currency, fixed once it
 * has transactions, a transaction is in its customer's currency, and its ExchangeRate is the home-currency units
 * one unit of its currency is worth (1 for the home currency). Rates the client leaves out come from the
 * sandbox's table below, quoted in US dollars.
 */
final class QboCurrencies {
  private static final Map<String, String> NAMES = Map.of("USD", "United States Dollar", "EUR", "Euro",
      "GBP", "British Pound Sterling", "CAD", "Canadian Dollar", "AUD", "Australian Dollar", "JPY", "Japanese Yen",
      "CHF", "Swiss Franc", "INR", "Indian Rupee", "MXN", "Mexican Peso");
  /** US dollars per unit: the sandbox's market rates. */
  private static final Map<String, BigDecimal> IN_US_DOLLARS = Map.of("USD", BigDecimal.ONE, "EUR", new BigDecimal("1.10"),
      "GBP", new BigDecimal("1.27"), "CAD", new BigDecimal("0.74"), "AUD", new BigDecimal("0.66"),
      "JPY", new BigDecimal("0.0067"), "CHF", new BigDecimal("1.13"), "INR", new BigDecimal("0.012"),
      "MXN", new BigDecimal("0.058"));
  private static final List<String> TRANSACTIONS = List.of("Invoice", "CreditMemo", "SalesReceipt", "Payment");

  private QboCurrencies() {}

  static boolean known(String code) {
    return NAMES.containsKey(code);
  }

  static ObjectNode ref(String code) {
    ObjectNode ref = io.ledgerbridge.sandbox.http.Json.object();
    ref.put("value", code);
    ref.put("name", NAMES.get(code));
    return ref;
  }

  /**
   * A customer's or vendor's currency: the home currency when none is sent; another only in a multi-currency
   * company, and no other than its stored one once transactions use it.
   */
  static void nameList(QboCompany company, ObjectNode entity, ObjectNode existing, String entityName) {
    String home = company.homeCurrency();
    String code = entity.at("/CurrencyRef/value").asText("");
    if (code.isEmpty()) {
      code = existing == null ? home : existing.at("/CurrencyRef/value").asText(home);
    }
    checkAllowed(company, code);
    if (existing != null && !code.equals(existing.at("/CurrencyRef/value").asText(code))
        && "Customer".equals(entityName) && hasTransactions(company, existing.get("Id").asText())) {
      // Wording UNCONFIRMED; QuickBooks fixes a customer's currency once a transaction uses it.
      throw QboFault.businessValidation("You can't change the currency of a customer that has transactions. Create a"
          + " new customer in " + code + " instead.");
    }
    entity.set("CurrencyRef", ref(code));
  }

  /**
   * A transaction's currency is its customer's (the customer's when none is sent) and carries an ExchangeRate:
   * 1 in the home currency, else the one sent or the day's rate; HomeTotalAmt is TotalAmt in the home currency.
   */
  static void transaction(QboCompany company, ObjectNode form, ObjectNode customer) {
    String customerCurrency = customer.at("/CurrencyRef/value").asText(company.homeCurrency());
    String code = form.at("/CurrencyRef/value").asText("");
    if (code.isEmpty()) {
      code = customerCurrency;
    }
    checkAllowed(company, code);
    if (!code.equals(customerCurrency)) {
      // Wording UNCONFIRMED.
      throw QboFault.businessValidation("The transaction's currency (" + code + ") must be its customer's ("
          + customerCurrency + ").");
    }
    form.set("CurrencyRef", ref(code));
    String home = company.homeCurrency();
    if (!company.multiCurrency()) {
      form.remove("ExchangeRate");
      form.remove("HomeTotalAmt");
      return;
    }
    BigDecimal rate;
    if (code.equals(home)) {
      rate = BigDecimal.ONE;
    } else {
      rate = QboRefs.number(form.get("ExchangeRate"), "ExchangeRate");
      if (rate == null) {
        rate = IN_US_DOLLARS.get(code).divide(IN_US_DOLLARS.get(home), 6, RoundingMode.HALF_UP).stripTrailingZeros();
      } else if (rate.signum() <= 0) {
        throw QboFault.businessValidation("ExchangeRate must be more than 0, not " + rate + ".");
      }
    }
    form.put("ExchangeRate", rate);
    JsonNode total = form.get("TotalAmt");
    if (total != null) {
      QboRefs.putMoney(form, "HomeTotalAmt", QboRefs.moneyOrZero(total).multiply(rate));
    }
  }

  private static void checkAllowed(QboCompany company, String code) {
    if (!known(code)) {
      throw QboFault.invalidReference("CurrencyRef", code);
    }
    if (!company.multiCurrency() && !code.equals(company.homeCurrency())) {
      // Wording UNCONFIRMED; a company without multi-currency has only its home currency.
      throw QboFault.businessValidation("Multicurrency is not enabled for this company, so everything is in "
          + company.homeCurrency() + ", not " + code + ". Turn on multicurrency (Preferences.CurrencyPrefs) first.");
    }
  }

  private static boolean hasTransactions(QboCompany company, String customerId) {
    for (String name : TRANSACTIONS) {
      EntityTable table = company.table(name);
      if (table != null && table.refsById().anyMatch(row -> customerId.equals(row.node().at("/CustomerRef/value").asText()))) {
        return true;
      }
    }
    return false;
  }
}
