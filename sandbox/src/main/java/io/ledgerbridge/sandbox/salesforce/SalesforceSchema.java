package io.ledgerbridge.sandbox.salesforce;

import static io.ledgerbridge.sandbox.salesforce.FieldDef.field;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The org's schema: the one place both describe and validation read. Standard fields follow Salesforce's
 * field reference (reference §8); custom fields mirror {@code src/salesforce/objects/*.object}, which a
 * test keeps in step.
 */
final class SalesforceSchema {
  /**
   * Custom fields that exist only in the sandbox, not in the metadata an admin deploys. Legacy_Id__c is a
   * non-unique External ID so that upsert's 300 Multiple Choices answer can be exercised.
   */
  static final Set<String> SANDBOX_ONLY_FIELDS = Set.of("Account.Legacy_Id__c");

  private final Map<String, SObjectType> singleCurrencyTypes = new LinkedHashMap<>();
  /** What describe and validation see: the types, each with CurrencyIsoCode while multi-currency is on. */
  private volatile Map<String, SObjectType> typesByLowerName = singleCurrencyTypes;

  SalesforceSchema() {
    add(account());
    add(contact());
    add(product());
    add(pricebook());
    add(pricebookEntry());
    add(opportunity());
    add(opportunityLineItem());
    add(quote());
    add(quoteLineItem());
    add(invoice());
    add(invoiceLine());
    add(payment());
    add(creditMemo());
    add(creditMemoLine());
    add(salesReceipt());
    add(salesReceiptLine());
    add(paymentLine());
    add(recordType());
  }

  /** The type by any casing, or null. */
  SObjectType type(String anyCase) {
    return typesByLowerName.get(anyCase.toLowerCase(Locale.ROOT));
  }

  Collection<SObjectType> types() {
    return typesByLowerName.values();
  }

  /** The type whose records have this 3-character key prefix, or null. */
  SObjectType typeByKeyPrefix(String prefix) {
    for (SObjectType type : typesByLowerName.values()) {
      if (type.keyPrefix().equals(prefix)) {
        return type;
      }
    }
    return null;
  }

  private void add(SObjectType type) {
    singleCurrencyTypes.put(type.name().toLowerCase(Locale.ROOT), type);
  }

  /**
   * Multi-currency (Setup, Company Information, "Activate Multiple Currencies") with these active ISO codes, the
   * first the corporate currency: every object gets {@code CurrencyIsoCode}, a restricted picklist of them whose
   * default is the corporate currency (Salesforce defaults a record to its owner's currency). No codes: off.
   */
  void multiCurrency(List<String> isoCodes) {
    if (isoCodes == null || isoCodes.isEmpty()) {
      typesByLowerName = singleCurrencyTypes;
      return;
    }
    Map<String, SObjectType> withCurrency = new LinkedHashMap<>();
    FieldDef currency = field("CurrencyIsoCode", "Currency ISO Code", FieldType.PICKLIST)
        .restrictedPicklist(isoCodes.toArray(String[]::new)).length(3).defaultValue(isoCodes.get(0)).build();
    for (Map.Entry<String, SObjectType> entry : singleCurrencyTypes.entrySet()) {
      SObjectType type = entry.getValue();
      List<FieldDef> fields = new ArrayList<>(type.fields());
      fields.add(currency);
      withCurrency.put(entry.getKey(), SObjectType.of(type.name(), type.label(), type.labelPlural(), type.keyPrefix(),
          type.deletable(), fields));
    }
    typesByLowerName = withCurrency;
  }

  private static SObjectType account() {
    List<FieldDef> fields = new ArrayList<>(systemFields("Account"));
    fields.add(field("Name", "Account Name", FieldType.STRING).length(255).required().idLookup().build());
    // "Vendor" is not a standard value: an org's admin adds it (README, Salesforce setup) for QuickBooks vendors.
    fields.add(field("Type", "Account Type", FieldType.PICKLIST).picklist("Prospect", "Customer - Direct",
        "Customer - Channel", "Channel Partner / Reseller", "Installation Partner", "Technology Partner", "Other",
        "Vendor").build());
    fields.add(field("BillingStreet", "Billing Street", FieldType.TEXTAREA).length(255).build());
    fields.add(field("BillingCity", "Billing City", FieldType.STRING).length(40).build());
    fields.add(field("BillingState", "Billing State/Province", FieldType.STRING).length(80).build());
    fields.add(field("BillingPostalCode", "Billing Zip/Postal Code", FieldType.STRING).length(20).build());
    fields.add(field("BillingCountry", "Billing Country", FieldType.STRING).length(80).build());
    fields.add(field("Phone", "Account Phone", FieldType.PHONE).length(40).build());
    // Website's length is UNCONFIRMED in the reference; 255 is what describe shows in orgs.
    fields.add(field("Website", "Website", FieldType.URL).length(255).build());
    fields.add(field("Description", "Account Description", FieldType.TEXTAREA).length(32000).build());
    fields.add(field("OwnerId", "Owner ID", FieldType.REFERENCE).references("Owner", "User").notNillable()
        .defaultValue(SalesforceOrg.INTEGRATION_USER_ID).build());
    fields.add(qboId());
    fields.add(field("QBO_Sync_Status__c", "QBO Sync Status", FieldType.STRING).length(40).build());
    fields.add(field("Legacy_Id__c", "Legacy Id", FieldType.STRING).length(80).externalId(false, false).build());
    // Set only in an org whose admin made record types for Accounts (see RecordType).
    fields.add(field("RecordTypeId", "Record Type ID", FieldType.REFERENCE).references("RecordType", "RecordType").build());
    return SObjectType.of("Account", "Account", "Accounts", "001", true, fields);
  }

  /**
   * RecordType: the record types an admin made for an object in Setup (an org has none until then); the sandbox
   * takes them through the API so tests can make them. A record's {@code RecordTypeId} names one of its object's.
   */
  private static SObjectType recordType() {
    List<FieldDef> fields = new ArrayList<>(systemFields("RecordType"));
    fields.add(field("Name", "Record Type Label", FieldType.STRING).length(80).required().build());
    fields.add(field("DeveloperName", "Record Type Name", FieldType.STRING).length(80).required().build());
    fields.add(field("SobjectType", "SObject Type Name", FieldType.STRING).length(40).required().build());
    fields.add(field("IsActive", "Active", FieldType.BOOLEAN).build());
    return SObjectType.of("RecordType", "Record Type", "Record Types", "012", false, fields);
  }

  /**
   * Contact: a person on an Account; LastName is its one required field, Name its first and last name (field
   * reference). Primary__c marks the Account's primary contact, which LedgerBridge keeps as its QuickBooks
   * customer's contact.
   */
  private static SObjectType contact() {
    List<FieldDef> fields = new ArrayList<>(systemFields("Contact"));
    fields.add(field("AccountId", "Account ID", FieldType.REFERENCE).references("Account", "Account").build());
    fields.add(field("FirstName", "First Name", FieldType.STRING).length(40).build());
    fields.add(field("LastName", "Last Name", FieldType.STRING).length(80).required().build());
    fields.add(field("Name", "Full Name", FieldType.STRING).length(121).system().idLookup().build());
    fields.add(field("Email", "Email", FieldType.EMAIL).length(80).build());
    fields.add(field("Phone", "Business Phone", FieldType.PHONE).length(40).build());
    fields.add(field("MobilePhone", "Mobile Phone", FieldType.PHONE).length(40).build());
    fields.add(field("OwnerId", "Owner ID", FieldType.REFERENCE).references("Owner", "User").notNillable()
        .defaultValue(SalesforceOrg.INTEGRATION_USER_ID).build());
    fields.add(field("Primary__c", "Primary", FieldType.BOOLEAN).build());
    fields.add(qboId());
    return SObjectType.of("Contact", "Contact", "Contacts", "003", true, fields);
  }

  /** Product2 (reference §8): IsActive defaults to false (UNCONFIRMED, as in new orgs). */
  private static SObjectType product() {
    List<FieldDef> fields = new ArrayList<>(systemFields("Product2"));
    fields.add(field("Name", "Product Name", FieldType.STRING).length(255).required().idLookup().build());
    fields.add(field("ProductCode", "Product Code", FieldType.STRING).length(255).build());
    fields.add(field("Description", "Product Description", FieldType.TEXTAREA).length(4000).build());
    fields.add(field("IsActive", "Active", FieldType.BOOLEAN).build());
    fields.add(field("Family", "Product Family", FieldType.PICKLIST).picklist("Service", "Hardware", "Software", "Other")
        .build());
    fields.add(qboId());
    return SObjectType.of("Product2", "Product", "Products", "01t", true, fields);
  }

  private static SObjectType pricebook() {
    List<FieldDef> fields = new ArrayList<>(systemFields("Pricebook2"));
    fields.add(field("Name", "Price Book Name", FieldType.STRING).length(255).required().idLookup().build());
    fields.add(field("IsActive", "Active", FieldType.BOOLEAN).build());
    fields.add(field("IsStandard", "Is Standard Price Book", FieldType.BOOLEAN).system().build());
    fields.add(field("Description", "Description", FieldType.STRING).length(255).build());
    return SObjectType.of("Pricebook2", "Price Book", "Price Books", "01s", false, fields);
  }

  /** PricebookEntry: never deletable, only deactivated (reference §8); Name and ProductCode come from the product. */
  private static SObjectType pricebookEntry() {
    List<FieldDef> fields = new ArrayList<>(systemFields("PricebookEntry"));
    fields.add(field("Name", "Product Name", FieldType.STRING).length(255).system().build());
    fields.add(field("Pricebook2Id", "Price Book ID", FieldType.REFERENCE).references("Pricebook2", "Pricebook2")
        .required().createOnly().build());
    fields.add(field("Product2Id", "Product ID", FieldType.REFERENCE).references("Product2", "Product2").required()
        .createOnly().build());
    fields.add(field("UnitPrice", "List Price", FieldType.CURRENCY).number(18, 2).required().build());
    fields.add(field("IsActive", "Active", FieldType.BOOLEAN).build());
    fields.add(field("UseStandardPrice", "Use Standard Price", FieldType.BOOLEAN).build());
    fields.add(field("ProductCode", "Product Code", FieldType.STRING).length(255).system().build());
    return SObjectType.of("PricebookEntry", "Price Book Entry", "Price Book Entries", "01u", false, fields);
  }

  /** Opportunity: IsClosed and IsWon follow StageName; Amount follows the line items when there are any. */
  private static SObjectType opportunity() {
    List<FieldDef> fields = new ArrayList<>(systemFields("Opportunity"));
    fields.add(field("Name", "Name", FieldType.STRING).length(120).required().idLookup().build());
    fields.add(field("AccountId", "Account ID", FieldType.REFERENCE).references("Account", "Account").cascadeDelete().build());
    fields.add(field("StageName", "Stage", FieldType.PICKLIST).required().picklist(STAGES.keySet().toArray(String[]::new))
        .build());
    fields.add(field("CloseDate", "Close Date", FieldType.DATE).required().build());
    fields.add(field("Amount", "Amount", FieldType.CURRENCY).number(18, 2).build());
    fields.add(field("Probability", "Probability (%)", FieldType.PERCENT).number(3, 0).build());
    fields.add(field("LeadSource", "Lead Source", FieldType.PICKLIST)
        .picklist("Web", "Phone Inquiry", "Partner Referral", "Purchased List", "Other").build());
    fields.add(field("Pricebook2Id", "Price Book ID", FieldType.REFERENCE).references("Pricebook2", "Pricebook2").build());
    fields.add(field("Description", "Description", FieldType.TEXTAREA).length(32000).build());
    fields.add(field("IsClosed", "Closed", FieldType.BOOLEAN).system().build());
    fields.add(field("IsWon", "Won", FieldType.BOOLEAN).system().build());
    fields.add(field("OwnerId", "Owner ID", FieldType.REFERENCE).references("Owner", "User").notNillable()
        .defaultValue(SalesforceOrg.INTEGRATION_USER_ID).build());
    fields.add(qboId());
    return SObjectType.of("Opportunity", "Opportunity", "Opportunities", "006", true, fields);
  }

  /**
   * OpportunityLineItem (reference §8): the price book entry fixes product and list price; TotalPrice is
   * Quantity x UnitPrice, or UnitPrice is derived from a TotalPrice sent alone.
   */
  private static SObjectType opportunityLineItem() {
    List<FieldDef> fields = new ArrayList<>(systemFields("OpportunityLineItem"));
    fields.add(field("OpportunityId", "Opportunity ID", FieldType.REFERENCE).masterDetail("Opportunity", "Opportunity")
        .build());
    fields.add(field("PricebookEntryId", "Price Book Entry ID", FieldType.REFERENCE)
        .references("PricebookEntry", "PricebookEntry").required().createOnly().build());
    fields.add(field("Product2Id", "Product ID", FieldType.REFERENCE).references("Product2", "Product2").system().build());
    fields.add(field("Name", "Opportunity Product Name", FieldType.STRING).length(376).system().build());
    fields.add(field("ProductCode", "Product Code", FieldType.STRING).length(255).system().build());
    fields.add(field("Quantity", "Quantity", FieldType.DOUBLE).number(12, 2).required().build());
    fields.add(field("UnitPrice", "Sales Price", FieldType.CURRENCY).number(18, 2).build());
    fields.add(field("TotalPrice", "Total Price", FieldType.CURRENCY).number(18, 2).build());
    fields.add(field("ListPrice", "List Price", FieldType.CURRENCY).number(18, 2).system().build());
    fields.add(field("ServiceDate", "Date", FieldType.DATE).build());
    fields.add(field("Description", "Line Description", FieldType.STRING).length(255).build());
    return SObjectType.of("OpportunityLineItem", "Opportunity Product", "Opportunity Products", "00k", true, fields);
  }

  /**
   * Quote (field reference): on an Opportunity, which it needs and never changes; AccountId and the price book
   * come from it; Subtotal, TotalPrice, GrandTotal and LineItemCount are computed from the lines. The QuickBooks
   * estimate's number, status and total are custom fields, written by LedgerBridge.
   */
  private static SObjectType quote() {
    List<FieldDef> fields = new ArrayList<>(systemFields("Quote"));
    fields.add(field("Name", "Quote Name", FieldType.STRING).length(255).required().idLookup().build());
    fields.add(field("OpportunityId", "Opportunity ID", FieldType.REFERENCE).masterDetail("Opportunity", "Opportunity")
        .build());
    fields.add(field("AccountId", "Account ID", FieldType.REFERENCE).references("Account", "Account").system().build());
    fields.add(field("Pricebook2Id", "Price Book ID", FieldType.REFERENCE).references("Pricebook2", "Pricebook2").build());
    fields.add(field("Status", "Status", FieldType.PICKLIST).picklist(QUOTE_STATUSES.toArray(String[]::new))
        .defaultValue("Draft").build());
    fields.add(field("ExpirationDate", "Expiration Date", FieldType.DATE).build());
    fields.add(field("Description", "Description", FieldType.TEXTAREA).length(32000).build());
    fields.add(field("Subtotal", "Subtotal", FieldType.CURRENCY).number(18, 2).system().build());
    fields.add(field("TotalPrice", "Total Price", FieldType.CURRENCY).number(18, 2).system().build());
    fields.add(field("GrandTotal", "Grand Total", FieldType.CURRENCY).number(18, 2).system().build());
    fields.add(field("LineItemCount", "Line Items", FieldType.DOUBLE).number(8, 0).system().build());
    fields.add(field("Doc_Number__c", "Estimate Number", FieldType.STRING).length(21).build());
    fields.add(field("Estimate_Status__c", "Estimate Status", FieldType.PICKLIST)
        .restrictedPicklist("Pending", "Accepted", "Closed", "Rejected", "Deleted").build());
    fields.add(field("Total_Amount__c", "Estimate Total", FieldType.CURRENCY).number(16, 2).build());
    fields.add(qboId());
    return SObjectType.of("Quote", "Quote", "Quotes", "0Q0", true, fields);
  }

  /**
   * QuoteLineItem (field reference): like an opportunity's product, the price book entry fixes product and list
   * price; UnitPrice is required and TotalPrice is Quantity x UnitPrice, computed.
   */
  private static SObjectType quoteLineItem() {
    List<FieldDef> fields = new ArrayList<>(systemFields("QuoteLineItem"));
    fields.add(field("QuoteId", "Quote ID", FieldType.REFERENCE).masterDetail("Quote", "Quote").build());
    fields.add(field("PricebookEntryId", "Price Book Entry ID", FieldType.REFERENCE)
        .references("PricebookEntry", "PricebookEntry").required().createOnly().build());
    fields.add(field("Product2Id", "Product ID", FieldType.REFERENCE).references("Product2", "Product2").system().build());
    fields.add(field("Quantity", "Quantity", FieldType.DOUBLE).number(12, 2).required().build());
    fields.add(field("UnitPrice", "Sales Price", FieldType.CURRENCY).number(18, 2).required().build());
    fields.add(field("TotalPrice", "Total Price", FieldType.CURRENCY).number(18, 2).system().build());
    fields.add(field("ListPrice", "List Price", FieldType.CURRENCY).number(18, 2).system().build());
    fields.add(field("ServiceDate", "Date", FieldType.DATE).build());
    fields.add(field("Description", "Line Item Description", FieldType.STRING).length(255).build());
    fields.add(qboId());
    return SObjectType.of("QuoteLineItem", "Quote Line Item", "Quote Line Items", "0QL", true, fields);
  }

  private static SObjectType invoice() {
    List<FieldDef> fields = new ArrayList<>(systemFields("Invoice__c"));
    fields.add(field("Name", "Invoice Name", FieldType.STRING).length(80).required().idLookup().build());
    fields.add(field("Account__c", "Account", FieldType.REFERENCE).references("Account__r", "Account").build());
    fields.add(field("Opportunity__c", "Opportunity", FieldType.REFERENCE).references("Opportunity__r", "Opportunity")
        .build());
    fields.add(field("Doc_Number__c", "Invoice Number", FieldType.STRING).length(21).build());
    fields.add(field("Invoice_Date__c", "Invoice Date", FieldType.DATE).build());
    fields.add(field("Due_Date__c", "Due Date", FieldType.DATE).build());
    fields.add(field("Total_Amount__c", "Total Amount", FieldType.CURRENCY).number(16, 2).build());
    fields.add(field("Balance__c", "Balance", FieldType.CURRENCY).number(16, 2).build());
    fields.add(field("Status__c", "Status", FieldType.PICKLIST)
        .restrictedPicklist("Open", "Partially Paid", "Paid", "Voided", "Deleted").build());
    fields.add(field("Tax_Amount__c", "Tax", FieldType.CURRENCY).number(16, 2).build());
    fields.add(field("Exchange_Rate__c", "Exchange Rate", FieldType.DOUBLE).number(12, 6).build());
    fields.add(field("OwnerId", "Owner ID", FieldType.REFERENCE).references("Owner", "User").notNillable()
        .defaultValue(SalesforceOrg.INTEGRATION_USER_ID).build());
    fields.add(qboId());
    return SObjectType.of("Invoice__c", "Invoice", "Invoices", "a01", true, fields);
  }

  private static SObjectType invoiceLine() {
    List<FieldDef> fields = new ArrayList<>(systemFields("Invoice_Line__c"));
    fields.add(field("Name", "Invoice Line Name", FieldType.STRING).length(80).required().idLookup().build());
    fields.add(field("Invoice__c", "Invoice", FieldType.REFERENCE).masterDetail("Invoice__r", "Invoice__c").build());
    fields.add(field("Product__c", "Product", FieldType.REFERENCE).references("Product__r", "Product2").build());
    fields.add(field("Description__c", "Description", FieldType.STRING).length(255).build());
    fields.add(field("Line_Number__c", "Line Number", FieldType.DOUBLE).number(4, 0).build());
    fields.add(field("Quantity__c", "Quantity", FieldType.DOUBLE).number(12, 2).build());
    fields.add(field("Unit_Price__c", "Unit Price", FieldType.CURRENCY).number(16, 2).build());
    fields.add(field("Amount__c", "Amount", FieldType.CURRENCY).number(16, 2).build());
    fields.addAll(lineTypeFields());
    fields.add(field("Tax_Code__c", "Tax Code", FieldType.STRING).length(20).build());
    fields.add(qboId());
    return SObjectType.of("Invoice_Line__c", "Invoice Line", "Invoice Lines", "a02", true, fields);
  }

  /**
   * What a sales form's line object holds besides an item line's fields: its type (QuickBooks' DetailType), the
   * bundle a bundle line or a line inside one names, and a discount's percent.
   */
  private static List<FieldDef> lineTypeFields() {
    return List.of(
        field("Line_Type__c", "Line Type", FieldType.PICKLIST)
            .restrictedPicklist("Item", "Bundle", "Discount", "Subtotal", "Description").build(),
        field("Bundle__c", "Bundle", FieldType.STRING).length(255).build(),
        field("Percent_Based__c", "Percent Based", FieldType.BOOLEAN).build(),
        field("Discount_Percent__c", "Discount Percent", FieldType.PERCENT).number(5, 2).build());
  }

  private static SObjectType payment() {
    List<FieldDef> fields = new ArrayList<>(systemFields("Payment__c"));
    fields.add(field("Name", "Payment Name", FieldType.STRING).length(80).required().idLookup().build());
    fields.add(field("Account__c", "Account", FieldType.REFERENCE).references("Account__r", "Account").build());
    fields.add(field("Amount__c", "Amount", FieldType.CURRENCY).number(16, 2).required().build());
    fields.add(field("Unapplied_Amount__c", "Unapplied Amount", FieldType.CURRENCY).number(16, 2).build());
    fields.add(field("Status__c", "Status", FieldType.PICKLIST).restrictedPicklist("Applied", "Voided", "Deleted").build());
    fields.add(field("Payment_Date__c", "Payment Date", FieldType.DATE).build());
    fields.add(field("Exchange_Rate__c", "Exchange Rate", FieldType.DOUBLE).number(12, 6).build());
    fields.add(field("OwnerId", "Owner ID", FieldType.REFERENCE).references("Owner", "User").notNillable()
        .defaultValue(SalesforceOrg.INTEGRATION_USER_ID).build());
    fields.add(qboId());
    return SObjectType.of("Payment__c", "Payment", "Payments", "a03", true, fields);
  }

  private static SObjectType creditMemo() {
    List<FieldDef> fields = new ArrayList<>(systemFields("Credit_Memo__c"));
    fields.add(field("Name", "Credit Memo Name", FieldType.STRING).length(80).required().idLookup().build());
    fields.add(field("Account__c", "Account", FieldType.REFERENCE).references("Account__r", "Account").build());
    fields.add(field("Doc_Number__c", "Credit Memo Number", FieldType.STRING).length(21).build());
    fields.add(field("Credit_Date__c", "Credit Date", FieldType.DATE).build());
    fields.add(field("Total_Amount__c", "Total Amount", FieldType.CURRENCY).number(16, 2).build());
    fields.add(field("Balance__c", "Remaining Credit", FieldType.CURRENCY).number(16, 2).build());
    fields.add(field("Status__c", "Status", FieldType.PICKLIST)
        .restrictedPicklist("Open", "Partially Applied", "Applied", "Voided", "Deleted").build());
    fields.add(field("Customer_Memo__c", "Message to Customer", FieldType.TEXTAREA).length(1000).build());
    fields.add(field("Private_Note__c", "Private Note", FieldType.TEXTAREA).length(4000).build());
    fields.add(field("Lines_Amount__c", "Lines Amount", FieldType.CURRENCY).number(18, 2)
        .summary("Credit_Memo_Line__c", "Credit_Memo__c", "Amount__c").build());
    fields.add(field("Tax_Amount__c", "Tax", FieldType.CURRENCY).number(16, 2).build());
    fields.add(field("Exchange_Rate__c", "Exchange Rate", FieldType.DOUBLE).number(12, 6).build());
    fields.add(field("OwnerId", "Owner ID", FieldType.REFERENCE).references("Owner", "User").notNillable()
        .defaultValue(SalesforceOrg.INTEGRATION_USER_ID).build());
    fields.add(qboId());
    return SObjectType.of("Credit_Memo__c", "Credit Memo", "Credit Memos", "a04", true, fields);
  }

  private static SObjectType creditMemoLine() {
    List<FieldDef> fields = new ArrayList<>(systemFields("Credit_Memo_Line__c"));
    fields.add(field("Name", "Credit Memo Line Name", FieldType.STRING).length(80).required().idLookup().build());
    fields.add(field("Credit_Memo__c", "Credit Memo", FieldType.REFERENCE).masterDetail("Credit_Memo__r", "Credit_Memo__c")
        .build());
    fields.add(field("Product__c", "Product", FieldType.REFERENCE).references("Product__r", "Product2").build());
    fields.add(field("Description__c", "Description", FieldType.STRING).length(255).build());
    fields.add(field("Line_Number__c", "Line Number", FieldType.DOUBLE).number(4, 0).build());
    fields.add(field("Quantity__c", "Quantity", FieldType.DOUBLE).number(12, 2).build());
    fields.add(field("Unit_Price__c", "Unit Price", FieldType.CURRENCY).number(16, 2).build());
    fields.add(field("Amount__c", "Amount", FieldType.CURRENCY).number(16, 2).build());
    fields.addAll(lineTypeFields());
    fields.add(field("Tax_Code__c", "Tax Code", FieldType.STRING).length(20).build());
    fields.add(qboId());
    return SObjectType.of("Credit_Memo_Line__c", "Credit Memo Line", "Credit Memo Lines", "a05", true, fields);
  }

  private static SObjectType salesReceipt() {
    List<FieldDef> fields = new ArrayList<>(systemFields("Sales_Receipt__c"));
    fields.add(field("Name", "Sales Receipt Name", FieldType.STRING).length(80).required().idLookup().build());
    fields.add(field("Account__c", "Account", FieldType.REFERENCE).references("Account__r", "Account").build());
    fields.add(field("Opportunity__c", "Opportunity", FieldType.REFERENCE).references("Opportunity__r", "Opportunity")
        .build());
    fields.add(field("Doc_Number__c", "Sales Receipt Number", FieldType.STRING).length(21).build());
    fields.add(field("Receipt_Date__c", "Receipt Date", FieldType.DATE).build());
    fields.add(field("Total_Amount__c", "Total Amount", FieldType.CURRENCY).number(16, 2).build());
    fields.add(field("Status__c", "Status", FieldType.PICKLIST).restrictedPicklist("Paid", "Voided", "Deleted").build());
    fields.add(field("Customer_Memo__c", "Message to Customer", FieldType.TEXTAREA).length(1000).build());
    fields.add(field("Private_Note__c", "Private Note", FieldType.TEXTAREA).length(4000).build());
    fields.add(field("Lines_Amount__c", "Lines Amount", FieldType.CURRENCY).number(18, 2)
        .summary("Sales_Receipt_Line__c", "Sales_Receipt__c", "Amount__c").build());
    fields.add(field("Tax_Amount__c", "Tax", FieldType.CURRENCY).number(16, 2).build());
    fields.add(field("Exchange_Rate__c", "Exchange Rate", FieldType.DOUBLE).number(12, 6).build());
    fields.add(field("OwnerId", "Owner ID", FieldType.REFERENCE).references("Owner", "User").notNillable()
        .defaultValue(SalesforceOrg.INTEGRATION_USER_ID).build());
    fields.add(qboId());
    return SObjectType.of("Sales_Receipt__c", "Sales Receipt", "Sales Receipts", "a06", true, fields);
  }

  private static SObjectType salesReceiptLine() {
    List<FieldDef> fields = new ArrayList<>(systemFields("Sales_Receipt_Line__c"));
    fields.add(field("Name", "Sales Receipt Line Name", FieldType.STRING).length(80).required().idLookup().build());
    fields.add(field("Sales_Receipt__c", "Sales Receipt", FieldType.REFERENCE)
        .masterDetail("Sales_Receipt__r", "Sales_Receipt__c").build());
    fields.add(field("Product__c", "Product", FieldType.REFERENCE).references("Product__r", "Product2").build());
    fields.add(field("Description__c", "Description", FieldType.STRING).length(255).build());
    fields.add(field("Line_Number__c", "Line Number", FieldType.DOUBLE).number(4, 0).build());
    fields.add(field("Quantity__c", "Quantity", FieldType.DOUBLE).number(12, 2).build());
    fields.add(field("Unit_Price__c", "Unit Price", FieldType.CURRENCY).number(16, 2).build());
    fields.add(field("Amount__c", "Amount", FieldType.CURRENCY).number(16, 2).build());
    fields.addAll(lineTypeFields());
    fields.add(field("Tax_Code__c", "Tax Code", FieldType.STRING).length(20).build());
    fields.add(qboId());
    return SObjectType.of("Sales_Receipt_Line__c", "Sales Receipt Line", "Sales Receipt Lines", "a07", true, fields);
  }

  /** One application of a payment: the amount applied to one invoice or credit memo (the other lookup stays empty). */
  private static SObjectType paymentLine() {
    List<FieldDef> fields = new ArrayList<>(systemFields("Payment_Line__c"));
    fields.add(field("Name", "Payment Line Name", FieldType.STRING).length(80).required().idLookup().build());
    fields.add(field("Payment__c", "Payment", FieldType.REFERENCE).masterDetail("Payment__r", "Payment__c").build());
    fields.add(field("Invoice__c", "Invoice", FieldType.REFERENCE).references("Invoice__r", "Invoice__c").build());
    fields.add(field("Credit_Memo__c", "Credit Memo", FieldType.REFERENCE).references("Credit_Memo__r", "Credit_Memo__c")
        .build());
    fields.add(field("Amount_Applied__c", "Amount Applied", FieldType.CURRENCY).number(16, 2).build());
    fields.add(qboId());
    return SObjectType.of("Payment_Line__c", "Payment Line", "Payment Lines", "a08", true, fields);
  }

  /** The cross-reference every synced object carries: {@code {realmId}-{qboId}}, unique, case-insensitive. */
  private static FieldDef qboId() {
    return field("QBO_Id__c", "QBO Id", FieldType.STRING).length(80).externalId(true, false).build();
  }

  /** Quote statuses of a new org, in their order. */
  static final List<String> QUOTE_STATUSES = List.of("Draft", "Needs Review", "In Review", "Approved", "Rejected",
      "Presented", "Accepted", "Denied");

  /** Opportunity stages with their (IsClosed, IsWon) meaning, in the order of a new org. */
  static final Map<String, boolean[]> STAGES = stages();

  private static Map<String, boolean[]> stages() {
    Map<String, boolean[]> stages = new LinkedHashMap<>();
    for (String open : List.of("Prospecting", "Qualification", "Needs Analysis", "Value Proposition",
        "Id. Decision Makers", "Perception Analysis", "Proposal/Price Quote", "Negotiation/Review")) {
      stages.put(open, new boolean[] {false, false});
    }
    stages.put("Closed Won", new boolean[] {true, true});
    stages.put("Closed Lost", new boolean[] {true, false});
    return java.util.Collections.unmodifiableMap(stages);
  }

  /** Fields every object has and only the server sets. */
  private static List<FieldDef> systemFields(String objectName) {
    return List.of(
        field("Id", objectName + " ID", FieldType.ID).system().notNillable().idLookup().build(),
        field("IsDeleted", "Deleted", FieldType.BOOLEAN).system().build(),
        field("CreatedDate", "Created Date", FieldType.DATETIME).system().notNillable().build(),
        field("CreatedById", "Created By ID", FieldType.REFERENCE).references("CreatedBy", "User").system().notNillable().build(),
        field("LastModifiedDate", "Last Modified Date", FieldType.DATETIME).system().notNillable().build(),
        field("LastModifiedById", "Last Modified By ID", FieldType.REFERENCE).references("LastModifiedBy", "User").system()
            .notNillable().build(),
        field("SystemModstamp", "System Modstamp", FieldType.DATETIME).system().notNillable().build());
  }
}
