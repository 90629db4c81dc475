package io.ledgerbridge.sandbox.salesforce;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The org's starting data: the standard price book every org has, and prospects that exist only in
 * Salesforce (no QBO_Id__c) with an opportunity each, so the Salesforce-to-QuickBooks direction has work.
 * One prospect per six QBO demo customers, at most 1000; deterministic for a seed.
 */
final class SalesforceDemoData {
  static final String STANDARD_PRICE_BOOK = "Standard Price Book";
  private static final List<String> FIRST = List.of("Blue Ridge", "Crescent", "Falcon", "Horizon", "Keystone",
      "Northwind", "Pioneer", "Quantum", "Sterling", "Trident", "Vanguard", "Zenith");
  private static final List<String> SECOND = List.of("Robotics", "Analytics", "Logistics", "Medical", "Energy",
      "Foods", "Outfitters", "Systems", "Studios", "Ventures");
  private static final List<String> STAGES = List.of("Prospecting", "Qualification", "Proposal/Price Quote",
      "Negotiation/Review", "Closed Won");

  /** Salesforce rows are stored, not generated, so the prospects stay few even for huge QBO companies. */
  private static final int MAX_PROSPECTS = 1000;

  private final long seed;
  private final Instant anchor;
  private final int prospects;

  SalesforceDemoData(long seed, Instant anchor, int qboCustomers) {
    this.seed = seed;
    this.anchor = anchor;
    this.prospects = Math.min(MAX_PROSPECTS, qboCustomers / 6);
  }

  void seed(SalesforceOrg org) {
    SObjectType pricebooks = org.schema().type("Pricebook2");
    Map<String, Object> standard = new LinkedHashMap<>();
    standard.put("Name", STANDARD_PRICE_BOOK);
    standard.put("IsActive", true);
    standard.put("IsStandard", true);
    org.insertAt(pricebooks, standard, anchor.minus(Duration.ofDays(1500)));
    SObjectType accounts = org.schema().type("Account");
    SObjectType opportunities = org.schema().type("Opportunity");
    for (int i = 0; i < prospects; i++) {
      SplittableRandom random = new SplittableRandom(seed * 17 + i * 0x9E3779B97F4A7C15L);
      String name = FIRST.get(i % FIRST.size()) + " " + SECOND.get(i / FIRST.size() % SECOND.size())
          + (i >= FIRST.size() * SECOND.size() ? " " + (i / (FIRST.size() * SECOND.size()) + 1) : "");
      Instant created = anchor.minusSeconds(3600 + random.nextLong(Duration.ofDays(60).toSeconds()));
      Map<String, Object> account = new LinkedHashMap<>();
      account.put("Name", name);
      account.put("Type", "Prospect");
      account.put("Phone", String.format("(%d) 555-01%02d", 200 + random.nextInt(700), random.nextInt(100)));
      account.put("Website", "https://www." + name.toLowerCase().replaceAll("[^a-z0-9]", "") + ".example.com");
      account.put("BillingCity", "Springfield");
      account.put("BillingCountry", "USA");
      String accountId = org.insertAt(accounts, account, created).id();
      Map<String, Object> opportunity = new LinkedHashMap<>();
      opportunity.put("Name", name + " - First Order");
      opportunity.put("AccountId", accountId);
      opportunity.put("StageName", STAGES.get(random.nextInt(STAGES.size())));
      opportunity.put("CloseDate", LocalDate.ofInstant(created, ZoneOffset.UTC).plusDays(30 + random.nextInt(60)));
      opportunity.put("Amount", BigDecimal.valueOf(500 + random.nextInt(20_000)).setScale(2));
      org.insertAt(opportunities, opportunity, created.plusSeconds(600));
    }
  }
}
