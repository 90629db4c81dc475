package io.ledgerbridge.activities.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.sync.ConflictPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappingsTest {

  @Test
  void defaultsMapEveryObjectInEveryDirectionItSyncs() {
    Mappings mappings = Mappings.defaults();

    for (SyncObject object : SyncObject.all()) {
      for (SyncDirection direction : SyncDirection.values()) {
        assertThat(mappings.find(object, direction).isPresent())
            .as("%s %s", object, direction)
            .isEqualTo(object.supports(direction));
      }
    }
    assertThat(mappings.require(SyncObject.CUSTOMER, SyncDirection.QBO_TO_SALESFORCE).salesforceObject()).isEqualTo("Account");
    assertThat(mappings.require(SyncObject.ITEM, SyncDirection.SALESFORCE_TO_QBO).salesforceObject()).isEqualTo("Product2");
    assertThat(mappings.require(SyncObject.INVOICE, SyncDirection.QBO_TO_SALESFORCE).salesforceObject()).isEqualTo("Invoice__c");
    assertThat(mappings.require(SyncObject.INVOICE, SyncDirection.SALESFORCE_TO_QBO).salesforceObject()).isEqualTo("Opportunity");
    assertThat(mappings.require(SyncObject.PAYMENT, SyncDirection.QBO_TO_SALESFORCE).salesforceObject()).isEqualTo("Payment__c");
    assertThat(mappings.maxDeferAttempts()).isEqualTo(3);
  }

  @Test
  void defaultConflictPoliciesLetSalesforceOwnCustomersAndQuickBooksOwnInvoicesAndPayments() {
    Mappings mappings = Mappings.defaults();

    assertThat(mappings.require(SyncObject.CUSTOMER, SyncDirection.SALESFORCE_TO_QBO).conflictPolicy())
        .isEqualTo(ConflictPolicy.SALESFORCE_WINS);
    assertThat(mappings.require(SyncObject.INVOICE, SyncDirection.QBO_TO_SALESFORCE).conflictPolicy())
        .isEqualTo(ConflictPolicy.QBO_WINS);
    assertThat(mappings.require(SyncObject.INVOICE, SyncDirection.SALESFORCE_TO_QBO).conflictPolicy())
        .isEqualTo(ConflictPolicy.QBO_WINS);
    assertThat(mappings.require(SyncObject.PAYMENT, SyncDirection.QBO_TO_SALESFORCE).conflictPolicy())
        .isEqualTo(ConflictPolicy.QBO_WINS);
  }

  @Test
  void currencyFieldsAreInForceOnlyWhenTheFileSyncsCurrencies() {
    Mappings single = Mappings.defaults();
    Mappings multi = Mappings.withOverride("multiCurrency: true\n", "currency.yaml");

    assertThat(single.multiCurrency()).isFalse();
    assertThat(multi.multiCurrency()).isTrue();
    for (SyncObject object : new SyncObject[] {SyncObject.CUSTOMER, SyncObject.INVOICE, SyncObject.PAYMENT}) {
      ObjectMapping without = single.require(object, SyncDirection.QBO_TO_SALESFORCE);
      ObjectMapping with = multi.require(object, SyncDirection.QBO_TO_SALESFORCE);
      assertThat(without.fields()).as("%s", object).noneMatch(f -> "CurrencyIsoCode".equals(f.salesforce()));
      assertThat(without.singleCurrency()).as("%s", object).isTrue();
      assertThat(with.fields()).as("%s", object).anyMatch(f -> "CurrencyIsoCode".equals(f.salesforce())
          && f.qbo().equals(java.util.List.of("CurrencyRef.value")));
      assertThat(with.singleCurrency()).isFalse();
      assertThat(with.fingerprint()).as("a changed mapping is checked again").isNotEqualTo(without.fingerprint());
    }
    assertThat(single.require(SyncObject.ITEM, SyncDirection.QBO_TO_SALESFORCE).singleCurrency())
        .as("items have no currency").isFalse();
    assertThat(single.require(SyncObject.CUSTOMER, SyncDirection.QBO_TO_SALESFORCE).carriesAmounts()).isFalse();
    assertThat(single.require(SyncObject.INVOICE, SyncDirection.QBO_TO_SALESFORCE).carriesAmounts()).isTrue();
  }

  @Test
  void overrideMergesSettingsReplacesAndAddsFieldsAndRemovesOne(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("mappings.yaml");
    Files.writeString(
        file,
        """
        deferral: {maxAttempts: 7}
        mappings:
          - object: Customer
            salesforceObject: Account
            conflictPolicy: HOLD
            matching: {enabled: true, pairs: [{qbo: DisplayName, salesforce: Name}]}
            fields:
              - {salesforce: Phone, qbo: Mobile.FreeFormNumber, length: 40}
              - {salesforce: Description, qbo: Notes, transforms: [trim, truncate], length: 32000}
              - {salesforce: Website, remove: true}
        """);

    Mappings mappings = Mappings.load(file);

    ObjectMapping customer = mappings.require(SyncObject.CUSTOMER, SyncDirection.QBO_TO_SALESFORCE);
    assertThat(mappings.maxDeferAttempts()).isEqualTo(7);
    assertThat(customer.conflictPolicy()).isEqualTo(ConflictPolicy.HOLD);
    assertThat(customer.matching().enabled()).isTrue();
    assertThat(customer.directions()).containsExactlyInAnyOrder(SyncDirection.values());
    assertThat(customer.fields()).extracting(FieldMapping::salesforce).contains("Name", "Phone", "Description")
        .doesNotContain("Website");
    assertThat(customer.fields().stream().filter(f -> "Phone".equals(f.salesforce())).findFirst().orElseThrow().qbo())
        .containsExactly("Mobile.FreeFormNumber");
    assertThat(customer.fields().stream().filter(f -> "Description".equals(f.salesforce())).findFirst().orElseThrow().origin())
        .contains(file.toString()).contains("line 9");
  }

  @Test
  void invalidFileIsRefusedWithItsLineAndReason() {
    assertRefused(
        """
        mappings:
          - object: Customer
            salesforceObject: Account
            fields:
              - {salesforce: Name, qbo: DisplayName, direction: SIDEWAYS}
        """,
        5,
        "'SIDEWAYS' is not one of QBO_TO_SALESFORCE, SALESFORCE_TO_QBO, BOTH");
    assertRefused(
        """
        mappings:
          - object: Customer
            salesforceObject: Account
            conflictPolicy: LOUDEST_WINS
        """,
        4,
        "conflictPolicy: 'LOUDEST_WINS' is not one of QBO_WINS, SALESFORCE_WINS, NEWEST_WINS, HOLD");
    assertRefused(
        """
        mappings:
          - object: Customer
            salesforceObject: Account
            fields:
              - {salesforce: Name, qbo: DisplayName, transfroms: [trim]}
        """,
        5,
        "transfroms: unknown key");
    assertRefused(
        """
        mappings:
          - object: Payment
            direction: SALESFORCE_TO_QBO
            salesforceObject: Payment__c
            fields:
              - {salesforce: Amount__c, qbo: TotalAmt, type: number}
        """,
        3,
        "Payment is not synced SALESFORCE_TO_QBO");
    assertRefused(
        """
        mappings:
          - object: Customer
            salesforceObject: Account
            fields:
              - {salesforce: Rating, constant: Hot}
        """,
        5,
        "a constant flows one way");
    assertRefused(
        """
        mappings:
          - object: Invoice
            salesforceObject: Invoice__c
            fields:
              - {salesforce: Owner__c, qbo: SalesRepRef.value, reference: Payment}
        """,
        5,
        "Invoice does not reference Payment");
    assertRefused(
        """
        mappings:
          - object: Item
            salesforceObject: Product2
            fields:
              - {salesforce: Family, qbo: Type, map: {Service: Service, Inventory: Other, NonInventory: Other}}
        """,
        5,
        "'Other' is the value of two QuickBooks values, so it cannot be mapped back; give reverseMap");
    assertRefused(
        """
        mappings:
          - object: Invoice
            direction: SALESFORCE_TO_QBO
            salesforceObject: Opportunity
            originField: Opportunity__c
        """,
        5,
        "originField: it is written to Salesforce, so the mapping must sync QBO_TO_SALESFORCE");
    assertRefused(
        """
        mappings:
          - object: Contact
            salesforceObject: Contact
            qboHasAnyOf: [GivenName, "Family Name"]
        """,
        4,
        "Contact mapping: qboHasAnyOf[]: 'Family Name' is not a field path");
    assertRefused("mappings: [\n  {object: Customer, salesforceObject: Account\n", 3, "not valid YAML");
  }

  @Test
  void aSalesforceDeletePolicyMustFitTheEntityAndTheDirection() {
    assertThat(Mappings.defaults().find(SyncObject.CUSTOMER, SyncDirection.SALESFORCE_TO_QBO).orElseThrow()
        .onSalesforceDelete()).as("the default").isEqualTo(SalesforceDeletePolicy.NOTHING);
    assertThat(Mappings.withOverride(
        """
        mappings:
          - object: Vendor
            salesforceObject: Account
            onSalesforceDelete: INACTIVATE
        """, "admin.yaml").find(SyncObject.require("Vendor"), SyncDirection.SALESFORCE_TO_QBO).orElseThrow()
        .onSalesforceDelete()).isEqualTo(SalesforceDeletePolicy.INACTIVATE);
    assertRefused(
        """
        mappings:
          - object: Customer
            salesforceObject: Account
            onSalesforceDelete: VOID
        """,
        4,
        "Customer mapping: onSalesforceDelete: QuickBooks cannot do VOID to a Customer (only to Invoice, Payment,"
            + " SalesReceipt); for a Customer use one of NOTHING, INACTIVATE");
    assertRefused(
        """
        mappings:
          - object: CreditMemo
            salesforceObject: Credit_Memo__c
            onSalesforceDelete: INACTIVATE
        """,
        4,
        "QuickBooks cannot do INACTIVATE to a CreditMemo (only to Customer, Item, Vendor); for a CreditMemo use one of"
            + " NOTHING, DELETE");
    assertRefused(
        """
        mappings:
          - object: Invoice
            salesforceObject: Invoice__c
            onSalesforceDelete: DELETE
        """,
        4,
        "onSalesforceDelete: it acts on records deleted in Salesforce, so the mapping must sync SALESFORCE_TO_QBO");
    assertRefused(
        """
        mappings:
          - object: Item
            salesforceObject: Product2
            onSalesforceDelete: ERASE
        """,
        4,
        "onSalesforceDelete: 'ERASE' is not one of NOTHING, INACTIVATE, VOID, DELETE");
  }

  @Test
  void linesThatOnlyFlowToQuickBooksNeedNoKeyAndOthersDo() {
    ObjectMapping deals = Mappings.defaults().require(SyncObject.INVOICE, SyncDirection.SALESFORCE_TO_QBO);
    assertThat(deals.lines().externalIdField()).isNull();
    assertThat(deals.lines().writtenToSalesforce()).as("a won deal's products go to QuickBooks only").isFalse();
    ObjectMapping estimate = Mappings.defaults().require(SyncObject.require("Estimate"), SyncDirection.QBO_TO_SALESFORCE);
    assertThat(estimate.lines().externalIdField()).as("an estimate's lines reach the Quote made for it")
        .isEqualTo("QBO_Id__c");
    assertThat(estimate.lines().priceBookEntryField()).isEqualTo("PricebookEntryId");
    assertThat(estimate.lines().productField()).contains("Product2Id");

    assertRefused(
        """
        mappings:
          - object: Estimate
            salesforceObject: Estimate__c
            direction: BOTH
            fields:
              - {salesforce: Account__c, qbo: CustomerRef.value, reference: Customer}
            lines:
              salesforceObject: Estimate_Line__c
              parentField: Estimate__c
              qboPath: Line
              fields:
                - {salesforce: Product__c, qbo: SalesItemLineDetail.ItemRef.value, reference: Item, direction: SALESFORCE_TO_QBO}
                - {salesforce: Amount__c, qbo: Amount, type: number}
        """,
        8,
        "externalIdField: required when lines are written to Salesforce");
    assertRefused(
        """
        mappings:
          - object: Estimate
            salesforceObject: Estimate__c
            direction: QBO_TO_SALESFORCE
            fields:
              - {salesforce: Account__c, qbo: CustomerRef.value, reference: Customer}
            lines:
              salesforceObject: Estimate_Line__c
              parentField: Estimate__c
              externalIdField: QBO_Id__c
              priceBookEntryField: PricebookEntryId
              qboPath: Line
              fields:
                - {salesforce: UnitPrice, qbo: SalesItemLineDetail.UnitPrice, type: number}
        """,
        11,
        "priceBookEntryField: needs the line's product: a line field with reference: Item written to Salesforce"
            + " (e.g. {salesforce: Product2Id, qbo: SalesItemLineDetail.ItemRef.value, reference: Item})");
  }

  @Test
  void aContainerIsMadeOnlyInSalesforceAsAnotherObjectWhoseLookupOnlyTheSyncSets() {
    ObjectMapping estimates = Mappings.defaults().find(SyncObject.require("Estimate"), SyncDirection.QBO_TO_SALESFORCE)
        .orElseThrow();
    ContainerMapping container = estimates.container();
    assertThat(container.salesforceObject()).isEqualTo("Opportunity");
    assertThat(container.field()).isEqualTo("OpportunityId");
    assertThat(container.key("9130", estimates.qboEntity(), "12")).as("never an invoice's {realmId}-{Id}")
        .isEqualTo("9130-Estimate-12");
    assertThat(container.fields()).extracting(FieldMapping::salesforce)
        .containsExactly("Name", "AccountId", "StageName", "CloseDate");

    ObjectMapping restaged = Mappings.withOverride(
        """
        mappings:
          - object: Estimate
            salesforceObject: Quote
            container:
              fields:
                - {salesforce: StageName, constant: Negotiation/Review}
        """, "admin.yaml").find(SyncObject.require("Estimate"), SyncDirection.QBO_TO_SALESFORCE).orElseThrow();
    assertThat(restaged.container().fields()).as("merged field by field").extracting(FieldMapping::salesforce)
        .containsExactly("Name", "AccountId", "StageName", "CloseDate");
    assertThat(restaged.container().fields().get(2).constant()).isEqualTo("Negotiation/Review");

    Mappings toQuickBooksOnly = Mappings.withOverride(
        """
        mappings:
          - object: Estimate
            salesforceObject: Quote
            direction: SALESFORCE_TO_QBO
        """, "admin.yaml");
    assertThat(toQuickBooksOnly.find(SyncObject.require("Estimate"), SyncDirection.SALESFORCE_TO_QBO).orElseThrow()
        .container()).as("narrowed to QuickBooks, nothing is made in Salesforce").isNull();

    assertRefused(
        """
        mappings:
          - object: Invoice
            salesforceObject: Opportunity
            container:
              salesforceObject: Account
              field: AccountId
              fields:
                - {salesforce: Name, template: "Invoice {DocNumber}"}
        """,
        5,
        "container: it is made in Salesforce, so the mapping must sync QBO_TO_SALESFORCE");
    assertRefused(
        """
        mappings:
          - object: Estimate
            salesforceObject: Quote
            container:
              salesforceObject: Quote
        """,
        5,
        "the container is the parent of the mapping's Quote records, so it is another sObject");
    assertRefused(
        """
        mappings:
          - object: Estimate
            salesforceObject: Quote
            fields:
              - {salesforce: OpportunityId, qbo: CustomerRef.value, direction: QBO_TO_SALESFORCE}
        """,
        5,
        "which the sync sets to the Opportunity it makes (container.field)");
    assertRefused(
        """
        mappings:
          - object: Estimate
            salesforceObject: Quote
            container:
              fields:
                - {salesforce: CloseDate, qbo: [ExpirationDate, TxnDate], type: date, direction: BOTH}
        """,
        6,
        "the mapping syncs only");
  }

  @Test
  void severalQuickBooksFieldsOfADateAreAlternativesToSalesforceOnly() {
    FieldMapping closeDate = Mappings.defaults().find(SyncObject.require("Estimate"), SyncDirection.QBO_TO_SALESFORCE)
        .orElseThrow().container().fields().get(3);
    ObjectNode estimate = JsonNodeFactory.instance.objectNode().put("TxnDate", "2026-11-02");

    assertThat(closeDate.toSalesforce(estimate, null, References.NONE).asText()).as("the date when it does not expire")
        .isEqualTo("2026-11-02");
    assertThat(closeDate.toSalesforce(estimate.put("ExpirationDate", "2026-12-01"), null, References.NONE).asText())
        .as("the first with a value").isEqualTo("2026-12-01");
    assertRefused(
        """
        mappings:
          - object: Customer
            salesforceObject: Account
            fields:
              - {salesforce: Phone, qbo: [Mobile.FreeFormNumber, Fax.FreeFormNumber], type: number}
        """,
        5,
        "QuickBooks fields of a number are alternatives (the first with a value), which cannot be written back");
  }

  private static void assertRefused(String yaml, int line, String reason) {
    assertThatThrownBy(() -> Mappings.withOverride(yaml, "admin.yaml"))
        .isInstanceOf(MappingFileException.class)
        .hasMessageContaining("admin.yaml")
        .hasMessageContaining(reason)
        .satisfies(e -> assertThat(((MappingFileException) e).line()).as(e.getMessage()).isEqualTo(line));
  }

  @Test
  void anAdminFileIsRefusedWithItsPathAndLineAndAMissingFileSaysSo(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("broken.yaml");
    Files.writeString(file, "mappings:\n  - object: Customer\n    salesforceObject: Account\n    fields:\n      - {salesforce: 'Bad Name', qbo: DisplayName}\n");

    assertThatThrownBy(() -> Mappings.load(file))
        .isInstanceOf(MappingFileException.class)
        .hasMessage(file + ", line 5: Customer mapping: fields.salesforce: 'Bad Name' is not an API name (letters, digits and _)");
    assertThatThrownBy(() -> Mappings.load(dir.resolve("absent.yaml")))
        .hasMessageContaining("absent.yaml: cannot be read");
    assertThat(Mappings.load(null).all()).hasSameSizeAs(Mappings.defaults().all());
  }
}
