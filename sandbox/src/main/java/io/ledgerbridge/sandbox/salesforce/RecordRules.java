package io.ledgerbridge.sandbox.salesforce;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * What Salesforce itself does to records of particular objects when they are saved: derived fields,
 * cross-record checks, and roll-ups. Runs under the org lock, before the generic checks (required fields,
 * lookups, uniqueness) and, for roll-ups, after the record is stored.
 */
final class RecordRules {

  private RecordRules() {}

  /**
   * Completes a record about to be saved.
   *
   * @param existing the stored version for an update, null for an insert
   * @param record   the full record as it would be stored; changed in place
   * @param changed  the fields the client set in this request
   */
  static void derive(SalesforceOrg org, SfRecord existing, Map<String, Object> record, Map<String, Object> changed) {
    currencyOfMaster(org, org.schema().type(existingOrNewType(existing, record, org)), record);
    switch (existingOrNewType(existing, record, org)) {
      case "Contact" -> contact(record);
      case "Opportunity" -> opportunity(record);
      case "PricebookEntry" -> pricebookEntry(org, existing, record);
      case "OpportunityLineItem" -> opportunityLineItem(org, existing, record, changed);
      case "Quote" -> quote(org, record);
      case "QuoteLineItem" -> quoteLineItem(org, existing, record);
      default -> { }
    }
  }

  /**
   * Roll-ups after a save or delete: the roll-up summary fields of the record's masters, a quote's totals, and an
   * opportunity's Amount, the sum of its products' TotalPrice.
   */
  static void afterWrite(SalesforceOrg org, SfRecord before, SfRecord after) {
    SfRecord any = after != null ? after : before;
    rollUpSummaries(org, any);
    if (any.type().name().equals("QuoteLineItem")) {
      quoteTotals(org, (String) any.get("QuoteId"));
    }
    if (!any.type().name().equals("OpportunityLineItem")) {
      return;
    }
    String opportunityId = (String) any.get("OpportunityId");
    SObjectType opportunityType = org.schema().type("Opportunity");
    if (org.get(opportunityType, opportunityId) == null) {
      return; // the opportunity itself is being deleted
    }
    BigDecimal amount = BigDecimal.ZERO;
    for (SfRecord line : org.live(any.type())) {
      if (opportunityId.equals(line.get("OpportunityId")) && line.get("TotalPrice") != null) {
        amount = amount.add((BigDecimal) line.get("TotalPrice"));
      }
    }
    org.update(opportunityType, opportunityId, Map.of("Amount", amount.setScale(2, RoundingMode.HALF_UP)));
  }

  /**
   * Salesforce recomputes a master's roll-up summary fields when one of its detail records is saved or
   * deleted, and saves the master, which moves its SystemModstamp: a changed line reads as a changed header
   * (UNCONFIRMED whether Salesforce saves the master when the sum stays the same; the sandbox always does).
   */
  private static void rollUpSummaries(SalesforceOrg org, SfRecord detail) {
    for (SObjectType masterType : org.schema().types()) {
      for (FieldDef field : masterType.fields()) {
        FieldDef.Summary summary = field.summary();
        if (summary == null || !summary.detailObject().equals(detail.type().name())) {
          continue;
        }
        String masterId = (String) detail.get(summary.masterField());
        if (masterId == null || org.get(masterType, masterId) == null) {
          continue; // the master itself is being deleted
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (SfRecord sibling : org.live(detail.type())) {
          if (masterId.equals(sibling.get(summary.masterField())) && sibling.get(summary.summedField()) != null) {
            sum = sum.add((BigDecimal) sibling.get(summary.summedField()));
          }
        }
        org.update(masterType, masterId, Map.of(field.name(), sum.setScale(field.scale(), RoundingMode.HALF_UP)));
      }
    }
  }

  /**
   * In a multi-currency org a detail record is in its master's currency (Salesforce: the detail's CurrencyIsoCode
   * is its master's and cannot be set).
   */
  private static void currencyOfMaster(SalesforceOrg org, SObjectType type, Map<String, Object> record) {
    if (type == null || type.field("CurrencyIsoCode") == null) {
      return;
    }
    for (FieldDef field : type.fields()) {
      if (field.cascadeDelete() && !field.updateable() && record.get(field.name()) instanceof String masterId) {
        SObjectType masterType = org.schema().type(field.referenceTo().get(0));
        SfRecord master = masterType == null ? null : org.get(masterType, masterId);
        if (master != null) {
          record.put("CurrencyIsoCode", master.get("CurrencyIsoCode"));
        }
        return;
      }
    }
  }

  private static String existingOrNewType(SfRecord existing, Map<String, Object> record, SalesforceOrg org) {
    if (existing != null) {
      return existing.type().name();
    }
    SObjectType type = org.schema().typeByKeyPrefix(((String) record.get("Id")).substring(0, 3));
    return type == null ? "" : type.name();
  }

  /** A Contact's Name is its first and last name (field reference: read-only, concatenated). */
  private static void contact(Map<String, Object> record) {
    Object first = record.get("FirstName");
    Object last = record.get("LastName");
    record.put("Name", first == null ? last : last == null ? first : first + " " + last);
  }

  private static void opportunity(Map<String, Object> record) {
    boolean[] meaning = SalesforceSchema.STAGES.getOrDefault((String) record.get("StageName"), new boolean[] {false, false});
    record.put("IsClosed", meaning[0]);
    record.put("IsWon", meaning[1]);
  }

  /**
   * Name and ProductCode mirror the product; one entry per product and price book; a product needs its
   * standard price before it can be priced in another book (STANDARD_PRICE_NOT_DEFINED).
   */
  private static void pricebookEntry(SalesforceOrg org, SfRecord existing, Map<String, Object> record) {
    SfRecord product = org.get(org.schema().type("Product2"), (String) record.get("Product2Id"));
    if (product != null) {
      record.put("Name", product.get("Name"));
      record.put("ProductCode", product.get("ProductCode"));
    }
    if (existing != null) {
      return;
    }
    SObjectType entryType = org.schema().type("PricebookEntry");
    boolean standardBook = false;
    SfRecord book = org.get(org.schema().type("Pricebook2"), (String) record.get("Pricebook2Id"));
    if (book != null) {
      standardBook = Boolean.TRUE.equals(book.get("IsStandard"));
    }
    boolean hasStandardPrice = false;
    for (SfRecord entry : org.live(entryType)) {
      if (!entry.get("Product2Id").equals(record.get("Product2Id"))) {
        continue;
      }
      if (entry.get("Pricebook2Id").equals(record.get("Pricebook2Id"))) {
        throw new SalesforceException(400, "DUPLICATE_VALUE",
            "This price definition already exists in this price book", List.of());
      }
      SfRecord entryBook = org.get(org.schema().type("Pricebook2"), (String) entry.get("Pricebook2Id"));
      hasStandardPrice |= entryBook != null && Boolean.TRUE.equals(entryBook.get("IsStandard"));
    }
    if (!standardBook && !hasStandardPrice && book != null) {
      throw new SalesforceException(400, "STANDARD_PRICE_NOT_DEFINED", "No standard price defined for this product",
          List.of());
    }
  }

  /**
   * The entry fixes product, code and list price; the opportunity takes the entry's price book if it has
   * none; TotalPrice = Quantity x UnitPrice, and a client may send one of UnitPrice and TotalPrice, not both.
   */
  private static void opportunityLineItem(SalesforceOrg org, SfRecord existing, Map<String, Object> record,
      Map<String, Object> changed) {
    SfRecord entry = org.get(org.schema().type("PricebookEntry"), (String) record.get("PricebookEntryId"));
    SObjectType opportunityType = org.schema().type("Opportunity");
    SfRecord opportunity = org.get(opportunityType, (String) record.get("OpportunityId"));
    if (entry == null || opportunity == null) {
      return; // the generic lookup check reports it
    }
    if (existing == null) {
      if (!Boolean.TRUE.equals(entry.get("IsActive"))) {
        throw new SalesforceException(400, "FIELD_INTEGRITY_EXCEPTION",
            "field integrity exception: PricebookEntryId (pricebook entry is inactive)", List.of("PricebookEntryId"));
      }
      Object book = opportunity.get("Pricebook2Id");
      if (book == null) {
        org.update(opportunityType, opportunity.id(), Map.of("Pricebook2Id", entry.get("Pricebook2Id")));
      } else if (!book.equals(entry.get("Pricebook2Id"))) {
        throw new SalesforceException(400, "FIELD_INTEGRITY_EXCEPTION", "field integrity exception: PricebookEntryId "
            + "(pricebook entry is in a different pricebook than the one assigned to the opportunity)",
            List.of("PricebookEntryId"));
      }
    }
    record.put("Product2Id", entry.get("Product2Id"));
    record.put("ProductCode", entry.get("ProductCode"));
    record.put("ListPrice", entry.get("UnitPrice"));
    record.put("Name", truncate(opportunity.get("Name") + " " + entry.get("Name"), 376));
    boolean unitSent = changed.containsKey("UnitPrice") && changed.get("UnitPrice") != null;
    boolean totalSent = changed.containsKey("TotalPrice") && changed.get("TotalPrice") != null;
    if (unitSent && totalSent) {
      throw new SalesforceException(400, "FIELD_INTEGRITY_EXCEPTION",
          "field integrity exception: TotalPrice (cannot specify both unit price and total price)", List.of("TotalPrice"));
    }
    BigDecimal quantity = (BigDecimal) record.get("Quantity");
    if (quantity == null) {
      return; // REQUIRED_FIELD_MISSING follows
    }
    if (totalSent) {
      BigDecimal total = (BigDecimal) record.get("TotalPrice");
      record.put("UnitPrice", quantity.signum() == 0 ? BigDecimal.ZERO : total.divide(quantity, 2, RoundingMode.HALF_UP));
    } else if (record.get("UnitPrice") == null) {
      throw new SalesforceException(400, "REQUIRED_FIELD_MISSING", "Required fields are missing: [UnitPrice]",
          List.of("UnitPrice"));
    } else {
      record.put("TotalPrice", quantity.multiply((BigDecimal) record.get("UnitPrice")).setScale(2, RoundingMode.HALF_UP));
    }
  }

  /** A quote's account is its opportunity's, as is its price book until it has one. */
  private static void quote(SalesforceOrg org, Map<String, Object> record) {
    String opportunityId = (String) record.get("OpportunityId");
    SfRecord opportunity = opportunityId == null ? null : org.get(org.schema().type("Opportunity"), opportunityId);
    if (opportunity == null) {
      return; // the generic checks report it
    }
    record.put("AccountId", opportunity.get("AccountId"));
    if (record.get("Pricebook2Id") == null) {
      record.put("Pricebook2Id", opportunity.get("Pricebook2Id"));
    }
  }

  /**
   * The entry fixes product and list price and must be active and in the quote's price book (the quote takes the
   * entry's when it has none); TotalPrice = Quantity x UnitPrice.
   */
  private static void quoteLineItem(SalesforceOrg org, SfRecord existing, Map<String, Object> record) {
    if (record.get("PricebookEntryId") == null || record.get("QuoteId") == null) {
      return; // REQUIRED_FIELD_MISSING follows
    }
    SfRecord entry = org.get(org.schema().type("PricebookEntry"), (String) record.get("PricebookEntryId"));
    SObjectType quoteType = org.schema().type("Quote");
    SfRecord quote = org.get(quoteType, (String) record.get("QuoteId"));
    if (entry == null || quote == null) {
      return; // the generic lookup check reports it
    }
    if (existing == null) {
      if (!Boolean.TRUE.equals(entry.get("IsActive"))) {
        throw new SalesforceException(400, "FIELD_INTEGRITY_EXCEPTION",
            "field integrity exception: PricebookEntryId (pricebook entry is inactive)", List.of("PricebookEntryId"));
      }
      Object book = quote.get("Pricebook2Id");
      if (book == null) {
        org.update(quoteType, quote.id(), Map.of("Pricebook2Id", entry.get("Pricebook2Id")));
      } else if (!book.equals(entry.get("Pricebook2Id"))) {
        throw new SalesforceException(400, "FIELD_INTEGRITY_EXCEPTION", "field integrity exception: PricebookEntryId "
            + "(pricebook entry is in a different pricebook than the one assigned to the quote)", List.of("PricebookEntryId"));
      }
    }
    record.put("Product2Id", entry.get("Product2Id"));
    record.put("ListPrice", entry.get("UnitPrice"));
    BigDecimal quantity = (BigDecimal) record.get("Quantity");
    BigDecimal unitPrice = (BigDecimal) record.get("UnitPrice");
    if (quantity != null && unitPrice != null) {
      record.put("TotalPrice", quantity.multiply(unitPrice).setScale(2, RoundingMode.HALF_UP));
    }
  }

  /**
   * A quote's totals follow its lines, and saving them saves the quote, so a changed line reads as a changed quote
   * (UNCONFIRMED whether Salesforce moves the quote's SystemModstamp when the totals stay the same; the sandbox does).
   */
  private static void quoteTotals(SalesforceOrg org, String quoteId) {
    SObjectType quoteType = org.schema().type("Quote");
    if (org.get(quoteType, quoteId) == null) {
      return; // the quote itself is being deleted
    }
    BigDecimal total = BigDecimal.ZERO;
    int count = 0;
    for (SfRecord line : org.live(org.schema().type("QuoteLineItem"))) {
      if (quoteId.equals(line.get("QuoteId"))) {
        count++;
        if (line.get("TotalPrice") != null) {
          total = total.add((BigDecimal) line.get("TotalPrice"));
        }
      }
    }
    total = total.setScale(2, RoundingMode.HALF_UP);
    org.update(quoteType, quoteId, Map.of("Subtotal", total, "TotalPrice", total, "GrandTotal", total,
        "LineItemCount", BigDecimal.valueOf(count)));
  }

  private static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max);
  }
}
