package io.ledgerbridge.sandbox.quickbooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * The company's Preferences, one row (Id 1), read at {@code /preferences} or by query and changed by sparse update
 * (Intuit's Preferences entity). What the sandbox models: {@code CurrencyPrefs} (MultiCurrencyEnabled, HomeCurrency),
 * which can be turned on but never off again, the home currency fixed once it is; and {@code TaxPrefs}
 * (UsingSalesTax, PartnerTaxEnabled: automated sales tax), which QuickBooks sets itself, so updates keep them.
 */
final class PreferencesKind extends CompanySettingKind {
  @Override
  public String name() {
    return "Preferences";
  }

  @Override
  public Set<String> readOnlyFields() {
    return Set.of("TaxPrefs");
  }

  @Override
  ObjectNode updated(ObjectNode preferences, ObjectNode existing) {
    ObjectNode was = (ObjectNode) existing.get("CurrencyPrefs");
    ObjectNode currency = preferences.has("CurrencyPrefs") ? (ObjectNode) preferences.get("CurrencyPrefs") : was.deepCopy();
    boolean wasOn = was.path("MultiCurrencyEnabled").asBoolean(false);
    boolean on = currency.path("MultiCurrencyEnabled").asBoolean(wasOn);
    if (wasOn && !on) {
      // Intuit: multicurrency "cannot be disabled once it's been enabled".
      throw QboFault.businessValidation("Multicurrency cannot be turned off once it is on.");
    }
    String home = was.at("/HomeCurrency/value").asText();
    String asked = currency.at("/HomeCurrency/value").asText(home);
    if (!asked.equals(home) && (wasOn || !QboCurrencies.known(asked))) {
      throw QboFault.businessValidation("The home currency is " + home + " and cannot be changed"
          + (wasOn ? " once multicurrency is on." : " to " + asked + ", which is not a currency QuickBooks knows."));
    }
    currency.put("MultiCurrencyEnabled", on);
    currency.set("HomeCurrency", QboCurrencies.ref(asked));
    preferences.set("CurrencyPrefs", currency);
    preferences.set("TaxPrefs", existing.get("TaxPrefs").deepCopy());
    return preferences;
  }

  /** A new company's preferences: multi-currency off, home currency and sales tax as its country has them. */
  static ObjectNode initial(String homeCurrency, boolean multiCurrency, boolean automatedSalesTax) {
    ObjectNode preferences = io.ledgerbridge.sandbox.http.Json.object();
    ObjectNode currency = preferences.putObject("CurrencyPrefs");
    currency.put("MultiCurrencyEnabled", multiCurrency);
    currency.set("HomeCurrency", QboCurrencies.ref(homeCurrency));
    ObjectNode tax = preferences.putObject("TaxPrefs");
    tax.put("UsingSalesTax", true);
    tax.put("PartnerTaxEnabled", automatedSalesTax);
    return preferences;
  }
}
