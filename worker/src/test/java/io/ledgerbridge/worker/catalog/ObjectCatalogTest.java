package io.ledgerbridge.worker.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.activities.mapping.Mappings;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The catalog follows the mappings in force: an admin's mappings file changes what it says. */
class ObjectCatalogTest {

  private static CatalogObject.Side side(ObjectCatalog catalog, String object, SyncDirection direction) {
    return catalog.objects().stream()
        .filter(o -> o.name().equals(object))
        .flatMap(o -> o.directions().stream())
        .filter(s -> s.direction() == direction)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void anOverriddenMappingChangesTheCatalog() {
    ObjectCatalog catalog = new ObjectCatalog(Mappings.withOverride("""
        mappings:
          - object: Customer
            salesforceObject: Account
            externalIdField: QuickBooks_Key__c
          - object: Invoice
            salesforceObject: Invoice__c
            lines:
              salesforceObject: Invoice_Item__c
              parentField: Invoice_Header__c
        """, "test override"));

    CatalogObject.Side customer = side(catalog, "Customer", SyncDirection.QBO_TO_SALESFORCE);
    assertThat(customer.salesforceObject()).isEqualTo("Account");
    assertThat(customer.externalIdField()).isEqualTo("QuickBooks_Key__c");
    assertThat(side(catalog, "Customer", SyncDirection.SALESFORCE_TO_QBO).externalIdField())
        .isEqualTo("QuickBooks_Key__c");
    CatalogObject.Lines lines = side(catalog, "Invoice", SyncDirection.QBO_TO_SALESFORCE).lines();
    assertThat(lines.salesforceObject()).isEqualTo("Invoice_Item__c");
    assertThat(lines.parentField()).isEqualTo("Invoice_Header__c");
    assertThat(side(catalog, "Invoice", SyncDirection.SALESFORCE_TO_QBO).lines().salesforceObject())
        .isEqualTo("OpportunityLineItem");
  }

  @Test
  void aDirectionWithoutAMappingListsNoSalesforceSide() {
    ObjectCatalog catalog = new ObjectCatalog(Mappings.withOverride("""
        mappings:
          - object: Customer
            salesforceObject: Account
            direction: QBO_TO_SALESFORCE
        """, "test override"));

    CatalogObject.Side toQuickBooks = side(catalog, "Customer", SyncDirection.SALESFORCE_TO_QBO);
    assertThat(toQuickBooks.salesforceObject()).isNull();
    assertThat(toQuickBooks.keyForm()).isNull();
    assertThat(catalog.salesforceObject(SyncObject.CUSTOMER, SyncDirection.SALESFORCE_TO_QBO)).isEmpty();
    assertThat(catalog.salesforceObject(SyncObject.CUSTOMER, SyncDirection.QBO_TO_SALESFORCE)).contains("Account");
  }

  @Test
  void objectsComeInCatalogOrderWithTheirParentsAndChildren() {
    ObjectCatalog catalog = new ObjectCatalog(Mappings.defaults());

    assertThat(catalog.objects()).extracting(CatalogObject::name).containsExactly("Customer", "Item", "Invoice", "Vendor",
        "CreditMemo", "Payment", "SalesReceipt", "Estimate", "Contact");
    CatalogObject invoice = catalog.objects().get(2);
    assertThat(invoice.parents()).containsExactly("Customer", "Item");
    assertThat(invoice.children()).containsExactly("Payment");
    assertThat(catalog.objects().get(4).children()).as("a payment applies credit memos too").containsExactly("Payment");
    assertThat(catalog.objects().get(5).directions()).extracting(CatalogObject.Side::direction)
        .isEqualTo(List.of(SyncDirection.QBO_TO_SALESFORCE));
  }

  @Test
  void theSalesforceObjectsSyncedToQuickBooksAreNamedOnceEach() {
    assertThat(new ObjectCatalog(Mappings.defaults()).salesforceObjectsSyncedToQuickBooks())
        .as("Account for customers and vendors alike").containsExactly("Account", "Product2", "Opportunity", "Credit_Memo__c",
            "Sales_Receipt__c", "Quote", "Contact");

    ObjectCatalog narrowed = new ObjectCatalog(Mappings.withOverride("""
        mappings:
          - {object: Customer, salesforceObject: Account, direction: QBO_TO_SALESFORCE}
          - {object: Vendor, salesforceObject: Account, direction: QBO_TO_SALESFORCE}
        """, "test override"));
    assertThat(narrowed.salesforceObjectsSyncedToQuickBooks()).containsExactly("Product2", "Opportunity", "Credit_Memo__c",
        "Sales_Receipt__c", "Quote", "Contact");
  }
}
