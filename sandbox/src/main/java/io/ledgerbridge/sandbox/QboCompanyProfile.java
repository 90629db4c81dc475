package io.ledgerbridge.sandbox;

/**
 * What a sandbox QuickBooks company is set up with, as at sign-up (see {@link Sandbox#configureQboCompany}).
 *
 * @param country ISO country code, e.g. US or GB: a US company taxes lines TAX or NON, others name a TaxCode
 * @param homeCurrency ISO currency code of the company's books
 * @param multiCurrency whether Preferences.CurrencyPrefs.MultiCurrencyEnabled is on
 * @param automatedSalesTax a US company's automated sales tax (Preferences.TaxPrefs.PartnerTaxEnabled)
 */
public record QboCompanyProfile(String country, String homeCurrency, boolean multiCurrency, boolean automatedSalesTax) {
  /** A new US company: US dollars, one currency, automated sales tax; what every sandbox company starts as. */
  public static QboCompanyProfile us() {
    return new QboCompanyProfile("US", "USD", false, true);
  }

  public QboCompanyProfile withMultiCurrency() {
    return new QboCompanyProfile(country, homeCurrency, true, automatedSalesTax);
  }
}
