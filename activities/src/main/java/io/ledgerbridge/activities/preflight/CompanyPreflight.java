package io.ledgerbridge.activities.preflight;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.activities.mapping.FieldMapping;
import io.ledgerbridge.activities.mapping.ItemAccounts;
import io.ledgerbridge.activities.mapping.ObjectMapping;
import io.ledgerbridge.activities.quickbooks.ChartOfAccounts;
import io.ledgerbridge.activities.quickbooks.QuickBooksClient;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.sync.PreflightResult.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks the mappings against a QuickBooks company, reading only: the accounts the Item mapping names in its chart
 * of accounts (with the type each must have), its currencies (Preferences'
 * CurrencyPrefs) against whether the mappings sync currencies, and its tax model (CompanyInfo's Country,
 * Preferences' TaxPrefs) against the tax code the mappings give each line sent to QuickBooks. A US company takes
 * lines marked TAX or NON and works out the tax itself (with automated sales tax, from the addresses); elsewhere
 * each line names one of the company's TaxCodes.
 */
public final class CompanyPreflight {
  /** Where a sales line's tax code goes in QuickBooks. */
  static final String LINE_TAX_CODE = "SalesItemLineDetail.TaxCodeRef.value";
  private static final Set<String> US_TAX_CODES = Set.of("TAX", "NON");

  private final QuickBooksClient qbo;

  public CompanyPreflight(QuickBooksClient qbo) {
    this.qbo = Objects.requireNonNull(qbo, "qbo");
  }

  /** What the company's currency and tax settings make of these mappings, in {@code direction} only when it is not null. */
  public List<Problem> check(String realmId, List<ObjectMapping> selected, SyncDirection direction) {
    List<Problem> problems = new ArrayList<>();
    // Accounts hold no amounts, so only documents would arrive wrong.
    List<ObjectMapping> leavingCurrencyOut = selected.stream().filter(m -> m.singleCurrency() && m.carriesAmounts())
        .filter(m -> direction == null || m.flows(direction)).toList();
    List<ObjectMapping> linesToQuickBooks = selected.stream()
        .filter(m -> m.flows(SyncDirection.SALESFORCE_TO_QBO) && direction != SyncDirection.QBO_TO_SALESFORCE)
        .filter(m -> m.lines() != null && m.lines().fields().stream().anyMatch(f -> f.flows(SyncDirection.SALESFORCE_TO_QBO)
            && f.qbo().stream().anyMatch(path -> path.startsWith("SalesItemLineDetail."))))
        .toList();
    if (leavingCurrencyOut.isEmpty() && linesToQuickBooks.isEmpty()) {
      return problems;
    }
    JsonNode preferences = single(realmId, "Preferences");
    if (preferences.at("/CurrencyPrefs/MultiCurrencyEnabled").asBoolean(false)) {
      String home = preferences.at("/CurrencyPrefs/HomeCurrency/value").asText("?");
      for (ObjectMapping mapping : leavingCurrencyOut) {
        problems.add(new Problem(mapping.object().displayName(), mapping.salesforceObject(), "CurrencyIsoCode",
            "QuickBooks company " + realmId + " has multi-currency on (home currency " + home + "), but the mappings do"
                + " not sync currencies: amounts in other currencies would reach Salesforce as " + home + " amounts."
                + " Turn on multiple currencies in the Salesforce org (Setup, Company Information) with the"
                + " company's currencies active, and set multiCurrency: true in the mappings file"));
      }
    }
    if (!linesToQuickBooks.isEmpty()) {
      String country = single(realmId, "CompanyInfo").path("Country").asText("US");
      Map<String, String> taxCodes = "US".equals(country) ? Map.of() : taxCodes(realmId);
      for (ObjectMapping mapping : linesToQuickBooks) {
        taxCode(mapping, realmId, country, taxCodes, preferences.at("/TaxPrefs/PartnerTaxEnabled").asBoolean(false))
            .ifPresent(problems::add);
      }
    }
    return problems;
  }

  /**
   * The accounts the Item mapping names that the company's chart of accounts lacks, has inactive or of another
   * type: items created from Salesforce with them would be refused. Not checked at a run's start: a product whose
   * account is missing is its record's error, and products of other types still sync.
   */
  public List<Problem> itemAccountProblems(String realmId, List<ObjectMapping> selected, SyncDirection direction) {
    List<Problem> problems = new ArrayList<>();
    ChartOfAccounts chart = null;
    for (ObjectMapping mapping : selected) {
      if (mapping.itemAccounts() == null || direction == SyncDirection.QBO_TO_SALESFORCE) {
        continue;
      }
      if (chart == null) {
        chart = ChartOfAccounts.read(qbo, realmId);
      }
      for (ItemAccounts.Named named : mapping.itemAccounts().all()) {
        String problem = chart.find(named).problem();
        if (problem != null) {
          problems.add(new Problem(mapping.object().displayName(), mapping.salesforceObject(), null, problem));
        }
      }
    }
    return problems;
  }

  private Optional<Problem> taxCode(ObjectMapping mapping, String realmId, String country,
      Map<String, String> taxCodes, boolean automatedSalesTax) {
    String lineObject = mapping.lines().salesforceObject();
    FieldMapping field = mapping.lines().fields().stream()
        .filter(f -> f.flows(SyncDirection.SALESFORCE_TO_QBO) && f.qbo().contains(LINE_TAX_CODE))
        .findFirst().orElse(null);
    String given = field == null ? null : field.constant() != null ? field.constant() : field.defaultValue();
    String name = field == null ? null : field.name();
    if ("US".equals(country)) {
      if (given != null && !US_TAX_CODES.contains(given)) {
        return problem(mapping, lineObject, name, "QuickBooks company " + realmId + " is a US company"
            + (automatedSalesTax ? " with automated sales tax, which works out the tax itself" : "")
            + ": its lines are TAX or NON, not '" + given + "'");
      }
      return Optional.empty();
    }
    String choices = taxCodes.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")")
        .collect(Collectors.joining(", "));
    if (field == null) {
      return problem(mapping, lineObject, null, "QuickBooks company " + realmId + " (" + country + ") needs a tax code"
          + " on every line: map a Salesforce field to " + LINE_TAX_CODE + ", or give it a constant, one of the"
          + " company's TaxCodes: " + choices);
    }
    if (given != null && !taxCodes.containsKey(given)) {
      return problem(mapping, lineObject, name, "'" + given + "' is not an active TaxCode of QuickBooks company "
          + realmId + " (" + country + "); its TaxCodes are " + choices);
    }
    return Optional.empty();
  }

  private static Optional<Problem> problem(ObjectMapping mapping, String lineObject, String field, String what) {
    return Optional.of(new Problem(mapping.object().displayName(), lineObject, field, what));
  }

  private ObjectNode single(String realmId, String entity) {
    List<ObjectNode> records = qbo.query(realmId, entity, "SELECT * FROM " + entity).records();
    if (records.isEmpty()) {
      throw new IllegalStateException("QuickBooks company " + realmId + " answered no " + entity);
    }
    return records.get(0);
  }

  /** The company's active TaxCodes, Id to name. */
  private Map<String, String> taxCodes(String realmId) {
    Map<String, String> codes = new LinkedHashMap<>();
    for (ObjectNode code : qbo.queryAll(realmId, "TaxCode", "WHERE Active = true")) {
      codes.put(code.path("Id").asText(), code.path("Name").asText());
    }
    return codes;
  }
}
