package io.ledgerbridge.resilience;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Records that exist only in Salesforce, so the Salesforce-to-QuickBooks direction has every object to sync:
 * accounts, products with a standard price, and Closed Won opportunities with 1-3 lines on them. The sandbox
 * seeds the QuickBooks side and a few prospects itself. Deterministic, so a failure can be replayed.
 */
final class SalesforceSeed {
  private SalesforceSeed() {}

  static void create(SalesforceSandbox salesforce, SuiteSettings settings) {
    Random random = new Random(11);
    String standardBook = salesforce.query("SELECT Id FROM Pricebook2 WHERE IsStandard = true").get(0)
        .path("Id").asText();
    List<String> accounts = new ArrayList<>();
    for (int i = 1; i <= settings.salesforceAccounts(); i++) {
      accounts.add(salesforce.create("Account", Map.of("Name", String.format("Resilience Account %04d", i),
          "Phone", String.format("(555) 010-%04d", i), "BillingCity", "Lisbon", "BillingCountry", "Portugal")));
    }
    List<String> priceEntries = new ArrayList<>();
    for (int i = 1; i <= settings.salesforceProducts(); i++) {
      String product = salesforce.create("Product2", Map.of("Name", String.format("Resilience Product %03d", i),
          "ProductCode", String.format("RS-%03d", i), "IsActive", true));
      priceEntries.add(salesforce.create("PricebookEntry", Map.of("Pricebook2Id", standardBook, "Product2Id", product,
          "UnitPrice", BigDecimal.valueOf(10 + random.nextInt(490)), "IsActive", true)));
    }
    for (int i = 1; i <= settings.wonOpportunities(); i++) {
      Map<String, Object> deal = new LinkedHashMap<>();
      deal.put("Name", String.format("Resilience Deal %04d", i));
      deal.put("AccountId", accounts.get(random.nextInt(accounts.size())));
      deal.put("StageName", "Closed Won");
      deal.put("CloseDate", "2026-11-" + String.format("%02d", 1 + random.nextInt(28)));
      String opportunity = salesforce.create("Opportunity", deal);
      int lines = 1 + random.nextInt(3);
      for (int line = 0; line < lines; line++) {
        salesforce.create("OpportunityLineItem", Map.of("OpportunityId", opportunity,
            "PricebookEntryId", priceEntries.get(random.nextInt(priceEntries.size())),
            "Quantity", 1 + random.nextInt(5), "UnitPrice", BigDecimal.valueOf(5 + random.nextInt(300))));
      }
    }
  }
}
