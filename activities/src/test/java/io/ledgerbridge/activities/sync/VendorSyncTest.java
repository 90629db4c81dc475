package io.ledgerbridge.activities.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.activities.mapping.Mappings;
import io.ledgerbridge.activities.salesforce.SalesforceClient;
import io.ledgerbridge.activities.store.RecordError;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.sync.ConflictPolicy;
import io.ledgerbridge.workflows.sync.ObjectSyncResult;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Vendors come from the catalog and the default mappings alone: Accounts typed Vendor, keyed
 * {@code {realmId}-Vendor-{Id}} beside the customers' Accounts, which share their QuickBooks ids.
 */
class VendorSyncTest {
  private static final SyncDirection TO_SF = SyncDirection.QBO_TO_SALESFORCE;
  private static final SyncDirection TO_QBO = SyncDirection.SALESFORCE_TO_QBO;
  private static final SyncObject VENDOR = SyncObject.require("Vendor");

  SyncHarness h = new SyncHarness(0);

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void aVendorAndACustomerWithTheSameIdBecomeTwoAccounts() {
    syncACustomerAndAVendorWithTheSameIdToSalesforce();
  }

  @Test
  void accountsGoToQuickBooksAsTheirTypeAndNothingEchoes() {
    syncACustomerAndAVendorWithTheSameIdToSalesforce();
    String vendorAccount = h.personCreates("Account", SyncHarness.JSON.createObjectNode()
        .put("Name", "Office Chairs Inc").put("Type", "Vendor").put("Website", "https://chairs.example.com"));
    String plainAccount = h.personCreates("Account", SyncHarness.JSON.createObjectNode().put("Name", "Plain Account Co"));

    ObjectSyncResult customersBack = h.sync(SyncObject.CUSTOMER, TO_QBO);
    ObjectSyncResult vendorsBack = h.sync(VENDOR, TO_QBO);

    assertThat(customersBack.counts().created()).as("%s", customersBack).isEqualTo(1);
    assertThat(vendorsBack.counts().created()).as("%s", vendorsBack).isEqualTo(1);
    assertThat(displayNames("Customer")).containsExactlyInAnyOrder("Harbor Cafe", "Plain Account Co");
    assertThat(displayNames("Vendor")).containsExactlyInAnyOrder("Bean Roasters", "Office Chairs Inc");
    ObjectNode chairs = h.qboAll("Vendor").stream()
        .filter(vendor -> vendor.path("DisplayName").asText().equals("Office Chairs Inc")).findFirst().orElseThrow();
    assertThat(chairs.at("/WebAddr/URI").asText()).isEqualTo("https://chairs.example.com");
    assertThat(chairs.path("CompanyName").asText()).as("an Account's name is its company's").isEqualTo("Office Chairs Inc");
    assertThat(keyOf(vendorAccount)).isEqualTo(h.realmId + "-Vendor-" + chairs.path("Id").asText());
    assertThat(keyOf(plainAccount)).matches(Pattern.quote(h.realmId) + "-\\d+");

    h.writes.clear();
    List<ObjectSyncResult> reruns = new ArrayList<>(h.run(TO_SF, SyncObject.CUSTOMER, VENDOR));
    reruns.addAll(h.run(TO_QBO, SyncObject.CUSTOMER, VENDOR));

    assertThat(reruns).allSatisfy(rerun -> {
      assertThat(rerun.counts().failed()).as("%s", rerun).isZero();
      assertThat(rerun.counts().created() + rerun.counts().updated()).as("%s", rerun).isZero();
    });
    assertThat(h.writes).as("no echo either way").isEmpty();
  }

  @Test
  void theTwoAccountsOfOneQuickBooksIdChangeTheirOwnEntityBothWays() {
    String id = syncACustomerAndAVendorWithTheSameIdToSalesforce();
    String customerAccount = accountId(h.externalId(id));
    String vendorAccount = accountId(h.realmId + "-Vendor-" + id);

    h.personUpdates("Account", customerAccount, SyncHarness.JSON.createObjectNode().put("Phone", "(555) 010-0100"));
    h.personUpdates("Account", vendorAccount, SyncHarness.JSON.createObjectNode()
        .put("Name", "Bean Roasters Wholesale").put("Phone", "(555) 010-0200"));
    List<ObjectSyncResult> toQuickBooks = h.run(TO_QBO, SyncObject.CUSTOMER, VENDOR);

    assertThat(toQuickBooks).allSatisfy(result -> {
      assertThat(result.counts().updated()).as("%s", result).isEqualTo(1);
      assertThat(result.counts().created() + result.counts().failed()).as("%s", result).isZero();
    });
    ObjectNode customer = h.qboAll("Customer").get(0);
    ObjectNode vendor = h.qboAll("Vendor").get(0);
    assertThat(customer.path("DisplayName").asText()).isEqualTo("Harbor Cafe");
    assertThat(customer.at("/PrimaryPhone/FreeFormNumber").asText()).isEqualTo("(555) 010-0100");
    assertThat(vendor.path("DisplayName").asText()).isEqualTo("Bean Roasters Wholesale");
    assertThat(vendor.at("/PrimaryPhone/FreeFormNumber").asText()).isEqualTo("(555) 010-0200");
    assertThat(vendor.path("CompanyName").asText()).as("kept in QuickBooks after the create").isEqualTo("Bean Roasters Ltd");
    assertThat(vendor.path("AcctNum").asText()).as("not synced, so kept").isEqualTo("BR-7");
    assertThat(vendor.path("TaxIdentifier").asText()).as("not synced, so kept").isEqualTo("12-3456789");

    h.qboChange("Vendor", id, change -> change.putObject("WebAddr").put("URI", "https://beans.example.com"));
    h.qboChange("Customer", id, change -> change.putObject("WebAddr").put("URI", "https://harbor.example.com"));
    List<ObjectSyncResult> toSalesforce = h.run(TO_SF, SyncObject.CUSTOMER, VENDOR);

    assertThat(toSalesforce).allSatisfy(result -> assertThat(result.counts().updated()).as("%s", result).isEqualTo(1));
    assertThat(h.soql("SELECT Id, Website, Type FROM Account")).extracting(
            account -> account.path("Id").asText() + " " + account.path("Website").asText() + " " + account.path("Type").asText())
        .containsExactlyInAnyOrder(customerAccount + " https://harbor.example.com null",
            vendorAccount + " https://beans.example.com Vendor");
  }

  @Test
  void aNotifiedAccountSyncsAsTheObjectOfItsType() {
    String id = syncACustomerAndAVendorWithTheSameIdToSalesforce();
    String customerAccount = accountId(h.externalId(id));
    String vendorAccount = accountId(h.realmId + "-Vendor-" + id);
    h.personUpdates("Account", customerAccount, SyncHarness.JSON.createObjectNode().put("Phone", "(555) 010-0300"));
    h.personUpdates("Account", vendorAccount, SyncHarness.JSON.createObjectNode().put("Phone", "(555) 010-0400"));
    List<String> bothAccounts = List.of(customerAccount, vendorAccount);

    // An outbound message for Account names both; each object reads them under its own condition on Type.
    h.syncRecords(SyncObject.CUSTOMER, TO_QBO, bothAccounts, ConflictPolicy.SALESFORCE_WINS);
    h.syncRecords(VENDOR, TO_QBO, bothAccounts, ConflictPolicy.SALESFORCE_WINS);

    assertThat(h.qboAll("Customer")).singleElement()
        .satisfies(customer -> assertThat(customer.at("/PrimaryPhone/FreeFormNumber").asText()).isEqualTo("(555) 010-0300"));
    assertThat(h.qboAll("Vendor")).singleElement()
        .satisfies(vendor -> assertThat(vendor.at("/PrimaryPhone/FreeFormNumber").asText()).isEqualTo("(555) 010-0400"));
  }

  @Test
  void aVendorAccountNamedLikeACustomerIsListedAsADuplicateUntilRenamed() {
    syncACustomerAndAVendorWithTheSameIdToSalesforce();
    String namesake = h.personCreates("Account", SyncHarness.JSON.createObjectNode().put("Name", "Harbor Cafe").put("Type", "Vendor"));

    ObjectSyncResult refused = h.sync(VENDOR, TO_QBO);

    assertThat(refused.counts().failed()).as("%s", refused).isEqualTo(1);
    RecordError error = h.stores.errors().findOpen(h.realmId, VENDOR, TO_QBO, namesake).orElseThrow();
    assertThat(error.type().name()).isEqualTo("DUPLICATE");
    assertThat(error.message()).contains("6240");
    assertThat(displayNames("Vendor")).containsExactly("Bean Roasters");

    h.personUpdates("Account", namesake, SyncHarness.JSON.createObjectNode().put("Name", "Harbor Cafe Supplies"));
    ObjectSyncResult renamed = h.sync(VENDOR, TO_QBO);

    assertThat(renamed.counts().created()).as("%s", renamed).isEqualTo(1);
    assertThat(displayNames("Vendor")).containsExactlyInAnyOrder("Bean Roasters", "Harbor Cafe Supplies");
    assertThat(h.stores.errors().findOpen(h.realmId, VENDOR, TO_QBO, namesake)).as("closed by the sync that succeeded").isEmpty();
  }

  @Test
  void aCustomersAccountRetypedAsVendorIsLeftAloneUntilItsKeyIsCleared() {
    String id = syncACustomerAndAVendorWithTheSameIdToSalesforce();
    String customerAccount = accountId(h.externalId(id));

    h.personUpdates("Account", customerAccount, SyncHarness.JSON.createObjectNode().put("Type", "Vendor"));
    h.writes.clear();
    List<ObjectSyncResult> retyped = h.run(TO_QBO, SyncObject.CUSTOMER, VENDOR);

    assertThat(retyped).allSatisfy(result -> assertThat(written(result)).as("%s", result).isZero());
    assertThat(h.qboWrites()).as("its key names the customer, so the vendors leave it alone").isZero();
    assertThat(keyOf(customerAccount)).isEqualTo(h.externalId(id));

    h.personUpdates("Account", customerAccount, SyncHarness.JSON.createObjectNode().putNull("QBO_Id__c"));
    ObjectSyncResult unkeyed = h.sync(VENDOR, TO_QBO);

    assertThat(unkeyed.counts().failed()).as("%s", unkeyed).isEqualTo(1);
    RecordError error = h.stores.errors().findOpen(h.realmId, VENDOR, TO_QBO, customerAccount).orElseThrow();
    assertThat(error.type().name()).as("the active customer holds its name").isEqualTo("DUPLICATE");
    assertThat(displayNames("Vendor")).containsExactly("Bean Roasters");
    assertThat(displayNames("Customer")).containsExactly("Harbor Cafe");
  }

  /** The README's override for an org that tells vendors by a record type (Supplier) instead of their Type. */
  static final String VENDORS_BY_RECORD_TYPE = """
      mappings:
        - object: Customer
          salesforceObject: Account
          salesforceCondition: "RecordType.DeveloperName != 'Supplier'"
        - object: Vendor
          salesforceObject: Account
          salesforceCondition: null
          recordType: Supplier
          fields:
            - {salesforce: Type, remove: true}
      """;

  @Test
  void anOrgThatTellsVendorsByARecordTypeHasItsVendorsMadeOfThatTypeAndReadByIt() {
    h.mappings = Mappings.withOverride(VENDORS_BY_RECORD_TYPE, "record-types.yaml");
    assertThat(h.preflight().problems()).as("before the admin made the record type").extracting(Object::toString)
        .contains("Account.RecordTypeId (Vendor): the org has no active Account record type named Supplier, which the"
            + " mapping's recordType names (Setup, Object Manager, Account, Record Types)");
    String supplier = h.personCreates("RecordType", SyncHarness.JSON.createObjectNode().put("Name", "Supplier")
        .put("DeveloperName", "Supplier").put("SobjectType", "Account").put("IsActive", true));
    String vendorId = h.qboPost("vendor", null, SyncHarness.JSON.createObjectNode().put("DisplayName", "Bean Roasters"))
        .at("/Vendor/Id").asText();

    ObjectSyncResult vendors = h.sync(VENDOR, TO_SF);

    assertThat(vendors.counts().created()).as("%s", vendors).isEqualTo(1);
    assertThat(h.soql("SELECT RecordTypeId, Type FROM Account WHERE QBO_Id__c = "
        + SalesforceClient.quote(h.realmId + "-Vendor-" + vendorId))).singleElement().satisfies(account -> {
          assertThat(account.get("RecordTypeId").asText()).as("made a Supplier").isEqualTo(supplier);
          assertThat(account.path("Type").isNull()).as("the Type is left to the org").isTrue();
        });

    h.personCreates("Account", SyncHarness.JSON.createObjectNode().put("Name", "Office Chairs Inc").put("RecordTypeId", supplier));
    h.personCreates("Account", SyncHarness.JSON.createObjectNode().put("Name", "Plain Account Co"));
    List<ObjectSyncResult> toQuickBooks = h.run(TO_QBO, SyncObject.CUSTOMER, VENDOR);

    assertThat(toQuickBooks).allSatisfy(result -> assertThat(result.counts().created()).as("%s", result).isEqualTo(1));
    assertThat(displayNames("Vendor")).containsExactlyInAnyOrder("Bean Roasters", "Office Chairs Inc");
    assertThat(displayNames("Customer")).containsExactly("Plain Account Co");
    h.writes.clear();
    List<ObjectSyncResult> reruns = new ArrayList<>(h.run(TO_SF, SyncObject.CUSTOMER, VENDOR));
    reruns.addAll(h.run(TO_QBO, SyncObject.CUSTOMER, VENDOR));
    assertThat(reruns).allSatisfy(rerun -> assertThat(written(rerun)).as("%s", rerun).isZero());
    assertThat(h.writes).as("no echo either way").isEmpty();
  }

  private static long written(ObjectSyncResult result) {
    return result.counts().created() + result.counts().updated() + result.counts().failed();
  }

  /** Returns the QuickBooks Id the customer and the vendor share. */
  private String syncACustomerAndAVendorWithTheSameIdToSalesforce() {
    String customerId = h.qboPost("customer", null, SyncHarness.JSON.createObjectNode().put("DisplayName", "Harbor Cafe"))
        .path("Customer").path("Id").asText();
    String vendorId = h.qboPost("vendor", null, SyncHarness.JSON.createObjectNode().put("DisplayName", "Bean Roasters")
        .put("CompanyName", "Bean Roasters Ltd").put("AcctNum", "BR-7").put("TaxIdentifier", "12-3456789")
        .put("Vendor1099", true).set("PrimaryPhone", SyncHarness.JSON.createObjectNode().put("FreeFormNumber", "(555) 010-0001")))
        .path("Vendor").path("Id").asText();
    assertThat(vendorId).as("QuickBooks ids are per entity").isEqualTo(customerId);

    assertThat(h.sync(SyncObject.CUSTOMER, TO_SF).counts().created()).isEqualTo(1);
    ObjectSyncResult vendors = h.sync(VENDOR, TO_SF);

    assertThat(vendors.counts().created()).as("%s", vendors).isEqualTo(1);
    ObjectNode customerAccount = account(h.externalId(customerId));
    assertThat(customerAccount.path("Name").asText()).isEqualTo("Harbor Cafe");
    assertThat(customerAccount.path("Type").isNull()).isTrue();
    ObjectNode vendorsAccount = account(h.realmId + "-Vendor-" + vendorId);
    assertThat(vendorsAccount.path("Name").asText()).isEqualTo("Bean Roasters");
    assertThat(vendorsAccount.path("Type").asText()).isEqualTo("Vendor");
    assertThat(vendorsAccount.path("Phone").asText()).isEqualTo("(555) 010-0001");
    return vendorId;
  }

  private ObjectNode account(String key) {
    List<ObjectNode> accounts = h.soql("SELECT Name, Type, Phone FROM Account WHERE QBO_Id__c = " + SalesforceClient.quote(key));
    assertThat(accounts).as("the Account keyed %s", key).hasSize(1);
    return accounts.get(0);
  }

  private String accountId(String key) {
    return h.soql("SELECT Id FROM Account WHERE QBO_Id__c = " + SalesforceClient.quote(key)).get(0).path("Id").asText();
  }

  private String keyOf(String accountId) {
    return h.soql("SELECT QBO_Id__c FROM Account WHERE Id = " + SalesforceClient.quote(accountId)).get(0)
        .path("QBO_Id__c").asText();
  }

  private List<String> displayNames(String entity) {
    return h.qboAll(entity).stream().map(row -> row.path("DisplayName").asText()).toList();
  }
}
