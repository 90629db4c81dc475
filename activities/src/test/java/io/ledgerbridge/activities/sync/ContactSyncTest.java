package io.ledgerbridge.activities.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.activities.mapping.Mappings;
import io.ledgerbridge.activities.salesforce.SalesforceClient;
import io.ledgerbridge.activities.store.RecordError;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.sync.ConflictPolicy;
import io.ledgerbridge.workflows.sync.FailureType;
import io.ledgerbridge.workflows.sync.ObjectSyncResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A QuickBooks customer's primary contact is a Contact on the customer's Account, marked Primary__c,
 * from the catalog and the default mappings alone: its QuickBooks record is the customer itself, so a
 * primary Contact from Salesforce updates its Account's customer and never creates one.
 */
class ContactSyncTest {
  private static final SyncDirection TO_SF = SyncDirection.QBO_TO_SALESFORCE;
  private static final SyncDirection TO_QBO = SyncDirection.SALESFORCE_TO_QBO;
  private static final SyncObject CONTACT = SyncObject.require("Contact");
  private static final String CONTACT_FIELDS =
      "Id, AccountId, FirstName, LastName, Email, Phone, MobilePhone, Primary__c, QBO_Id__c";

  SyncHarness h = new SyncHarness(0);

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void aCustomersContactBecomesThePrimaryContactOfItsAccountAndItsChangesUpdateThatOne() {
    String customerId = customer(SyncHarness.JSON.createObjectNode().put("DisplayName", "Harbor Cafe")
        .put("GivenName", "Ada").put("FamilyName", "Lovelace"));
    h.qboChange("Customer", customerId, change -> {
      change.putObject("PrimaryEmailAddr").put("Address", "ada@harbor.example.com");
      change.putObject("PrimaryPhone").put("FreeFormNumber", "(555) 010-0001");
      change.putObject("Mobile").put("FreeFormNumber", "(555) 010-0002");
    });

    assertThat(h.sync(SyncObject.CUSTOMER, TO_SF).counts().created()).isEqualTo(1);
    ObjectSyncResult contacts = h.sync(CONTACT, TO_SF);

    assertThat(contacts.counts().created()).as("%s", contacts).isEqualTo(1);
    ObjectNode contact = contactKeyed(customerId);
    assertThat(contact.path("AccountId").asText()).isEqualTo(accountOf(customerId));
    assertThat(contact.path("FirstName").asText()).isEqualTo("Ada");
    assertThat(contact.path("LastName").asText()).isEqualTo("Lovelace");
    assertThat(contact.path("Email").asText()).isEqualTo("ada@harbor.example.com");
    assertThat(contact.path("Phone").asText()).isEqualTo("(555) 010-0001");
    assertThat(contact.path("MobilePhone").asText()).isEqualTo("(555) 010-0002");
    assertThat(contact.path("Primary__c").asBoolean()).isTrue();

    h.qboChange("Customer", customerId, change -> change.put("FamilyName", "King")
        .putObject("PrimaryEmailAddr").put("Address", "ada.king@harbor.example.com"));
    ObjectSyncResult changed = h.sync(CONTACT, TO_SF);

    assertThat(changed.counts().updated()).as("%s", changed).isEqualTo(1);
    assertThat(h.soql("SELECT " + CONTACT_FIELDS + " FROM Contact")).as("the same Contact, never a second")
        .singleElement().satisfies(now -> {
          assertThat(now.path("Id").asText()).isEqualTo(contact.path("Id").asText());
          assertThat(now.path("LastName").asText()).isEqualTo("King");
          assertThat(now.path("Email").asText()).isEqualTo("ada.king@harbor.example.com");
        });

    h.writes.clear();
    List<ObjectSyncResult> reruns = new ArrayList<>(h.run(TO_SF, SyncObject.CUSTOMER, CONTACT));
    reruns.addAll(h.run(TO_QBO, SyncObject.CUSTOMER, CONTACT));
    assertThat(reruns).allSatisfy(rerun -> assertThat(rerun.counts().created() + rerun.counts().updated()
        + rerun.counts().failed()).as("%s", rerun).isZero());
    assertThat(h.writes).as("no echo either way").isEmpty();
  }

  @Test
  void aCustomerThatNamesNoPersonHasNoContactAndOneWithAGivenNameOnlyIsRefusedSayingWhy() {
    customer(SyncHarness.JSON.createObjectNode().put("DisplayName", "Harbor Cafe")
        .set("PrimaryPhone", SyncHarness.JSON.createObjectNode().put("FreeFormNumber", "(555) 010-0001")));
    String givenOnly = customer(SyncHarness.JSON.createObjectNode().put("DisplayName", "Ada's Bakery").put("GivenName", "Ada"));
    h.sync(SyncObject.CUSTOMER, TO_SF);

    ObjectSyncResult contacts = h.sync(CONTACT, TO_SF);

    assertThat(contacts.counts().read()).as("only the customer naming a person: %s", contacts).isEqualTo(1);
    assertThat(contacts.counts().failed()).as("%s", contacts).isEqualTo(1);
    RecordError error = h.stores.errors().findOpen(h.realmId, CONTACT, TO_SF, givenOnly).orElseThrow();
    assertThat(error.type()).isEqualTo(FailureType.VALIDATION);
    assertThat(error.message()).contains("LastName").contains("FamilyName");
    assertThat(h.soql("SELECT Id FROM Contact")).isEmpty();
  }

  @Test
  void aPrimaryContactMadeAndChangedInSalesforceUpdatesItsAccountsCustomer() {
    String customerId = harborCafeInSalesforce();
    String account = accountOf(customerId);
    String contact = h.personCreates("Contact", SyncHarness.JSON.createObjectNode().put("AccountId", account)
        .put("FirstName", "Grace").put("LastName", "Hopper").put("Email", "grace@harbor.example.com")
        .put("MobilePhone", "(555) 010-0009").put("Primary__c", true));

    ObjectSyncResult made = h.sync(CONTACT, TO_QBO);

    assertThat(made.counts().updated()).as("the customer is updated, none created: %s", made).isEqualTo(1);
    assertThat(h.qboAll("Customer")).singleElement().satisfies(customer -> {
      assertThat(customer.path("Id").asText()).isEqualTo(customerId);
      assertThat(customer.path("DisplayName").asText()).isEqualTo("Harbor Cafe");
      assertThat(customer.path("GivenName").asText()).isEqualTo("Grace");
      assertThat(customer.path("FamilyName").asText()).isEqualTo("Hopper");
      assertThat(customer.at("/PrimaryEmailAddr/Address").asText()).isEqualTo("grace@harbor.example.com");
      assertThat(customer.at("/Mobile/FreeFormNumber").asText()).isEqualTo("(555) 010-0009");
    });
    assertThat(contactKeyed(customerId).path("Id").asText()).as("its key written back").isEqualTo(contact);

    h.personUpdates("Contact", contact, SyncHarness.JSON.createObjectNode().put("Phone", "(555) 010-0100")
        .put("LastName", "Hopper-Murray"));
    ObjectSyncResult changed = h.sync(CONTACT, TO_QBO);

    assertThat(changed.counts().updated()).as("%s", changed).isEqualTo(1);
    ObjectNode customer = h.qboAll("Customer").get(0);
    assertThat(customer.path("FamilyName").asText()).isEqualTo("Hopper-Murray");
    assertThat(customer.at("/PrimaryPhone/FreeFormNumber").asText()).isEqualTo("(555) 010-0100");
    assertThat(customer.path("GivenName").asText()).as("a sparse update keeps the rest").isEqualTo("Grace");

    h.writes.clear();
    ObjectSyncResult back = h.sync(CONTACT, TO_SF);
    assertThat(back.counts().created() + back.counts().updated()).as("%s", back).isZero();
    assertThat(h.soql("SELECT Id FROM Contact")).as("no second Contact").hasSize(1);
  }

  @Test
  void aContactThatIsNotPrimaryIsIgnored() {
    String customerId = harborCafeInSalesforce();
    h.personCreates("Contact", SyncHarness.JSON.createObjectNode().put("AccountId", accountOf(customerId))
        .put("FirstName", "Alan").put("LastName", "Turing"));

    ObjectSyncResult contacts = h.sync(CONTACT, TO_QBO);

    assertThat(contacts.counts().read()).as("%s", contacts).isZero();
    assertThat(h.qboAll("Customer").get(0).has("FamilyName")).isFalse();
  }

  @Test
  void aPrimaryContactOnAnAccountNotSyncedYetIsDeferredUntilItsCustomerIs() {
    String account = h.personCreates("Account", SyncHarness.JSON.createObjectNode().put("Name", "Harbor Cafe"));
    String contact = h.personCreates("Contact", SyncHarness.JSON.createObjectNode().put("AccountId", account)
        .put("LastName", "Hopper").put("Primary__c", true));

    ObjectSyncResult waiting = h.sync(CONTACT, TO_QBO);

    assertThat(waiting.counts().deferred()).as("%s", waiting).isEqualTo(1);
    assertThat(h.qboAll("Customer")).isEmpty();

    assertThat(h.sync(SyncObject.CUSTOMER, TO_QBO).counts().created()).isEqualTo(1);

    assertThat(h.qboAll("Customer")).as("the waiting Contact is retried once its Account's customer is made")
        .singleElement().satisfies(customer -> assertThat(customer.path("FamilyName").asText()).isEqualTo("Hopper"));
    ObjectSyncResult after = h.sync(CONTACT, TO_QBO);
    assertThat(after.counts().updated() + after.counts().deferred() + after.counts().failed()).as("%s", after).isZero();
    assertThat(h.soql("SELECT Id FROM Contact WHERE QBO_Id__c != null")).singleElement()
        .satisfies(keyed -> assertThat(keyed.path("Id").asText()).isEqualTo(contact));
  }

  @Test
  void aSecondPrimaryContactOfOneAccountIsListedAsADuplicate() {
    String customerId = harborCafeInSalesforce();
    String account = accountOf(customerId);
    h.personCreates("Contact", SyncHarness.JSON.createObjectNode().put("AccountId", account)
        .put("LastName", "Hopper").put("Primary__c", true));
    assertThat(h.sync(CONTACT, TO_QBO).counts().updated()).isEqualTo(1);
    String second = h.personCreates("Contact", SyncHarness.JSON.createObjectNode().put("AccountId", account)
        .put("LastName", "Lovelace").put("Primary__c", true));

    ObjectSyncResult refused = h.sync(CONTACT, TO_QBO);

    assertThat(refused.counts().failed()).as("%s", refused).isEqualTo(1);
    RecordError error = h.stores.errors().findOpen(h.realmId, CONTACT, TO_QBO, second).orElseThrow();
    assertThat(error.type()).isEqualTo(FailureType.DUPLICATE);
    assertThat(error.message()).contains("Primary__c = true");
    assertThat(h.qboAll("Customer").get(0).path("FamilyName").asText()).as("the first one's stays").isEqualTo("Hopper");
  }

  @Test
  void thePrimaryRoleMovedToAnotherContactTakesTheCustomerAlongWhenTheFirstIsNoLongerPrimary() {
    String customerId = harborCafeInSalesforce();
    String account = accountOf(customerId);
    String first = h.personCreates("Contact", SyncHarness.JSON.createObjectNode().put("AccountId", account)
        .put("FirstName", "Grace").put("LastName", "Hopper").put("Primary__c", true));
    assertThat(h.sync(CONTACT, TO_QBO).counts().updated()).isEqualTo(1);
    String second = h.personCreates("Contact", SyncHarness.JSON.createObjectNode().put("AccountId", account)
        .put("FirstName", "Ada").put("LastName", "Lovelace").put("Email", "ada@harbor.example.com").put("Primary__c", true));
    assertThat(h.sync(CONTACT, TO_QBO).counts().failed()).as("two primary Contacts: a person must choose").isEqualTo(1);

    h.personUpdates("Contact", first, SyncHarness.JSON.createObjectNode().put("Primary__c", false));
    h.syncRecords(CONTACT, TO_QBO, List.of(second), null);

    assertThat(h.qboAll("Customer")).singleElement().satisfies(customer -> {
      assertThat(customer.path("GivenName").asText()).isEqualTo("Ada");
      assertThat(customer.path("FamilyName").asText()).isEqualTo("Lovelace");
      assertThat(customer.at("/PrimaryEmailAddr/Address").asText()).isEqualTo("ada@harbor.example.com");
    });
    assertThat(h.soql("SELECT Id FROM Contact WHERE QBO_Id__c != null")).as("the key moved with the role")
        .singleElement().satisfies(keyed -> assertThat(keyed.path("Id").asText()).isEqualTo(second));
    assertThat(h.stores.errors().findOpen(h.realmId, CONTACT, TO_QBO, second)).as("its error settled").isEmpty();

    h.qboChange("Customer", customerId, change -> change.put("FamilyName", "King"));
    h.sync(CONTACT, TO_SF);
    assertThat(h.soql("SELECT Id, LastName FROM Contact WHERE LastName = 'King'")).as("QuickBooks follows the new one")
        .singleElement().satisfies(contact -> assertThat(contact.path("Id").asText()).isEqualTo(second));
    assertThat(h.soql("SELECT Id FROM Contact")).as("no third Contact").hasSize(2);

    h.personCreates("Contact", SyncHarness.JSON.createObjectNode().put("AccountId", account)
        .put("LastName", "Turing").put("Primary__c", true));
    ObjectSyncResult third = h.sync(CONTACT, TO_QBO);
    assertThat(third.counts().failed()).as("the new one is still primary: %s", third).isEqualTo(1);
  }

  @Test
  void aContactUncheckedInSalesforceIsNeverMadePrimaryAgainByItsCustomersChanges() {
    // QuickBooks wins here, so its change is written over the unchecking whenever it came.
    h.mappings = Mappings.withOverride(
        """
        mappings:
          - object: Contact
            salesforceObject: Contact
            conflictPolicy: QBO_WINS
        """, "quickbooks-wins.yaml");
    String customerId = customer(SyncHarness.JSON.createObjectNode().put("DisplayName", "Harbor Cafe")
        .put("GivenName", "Ada").put("FamilyName", "Lovelace"));
    assertThat(h.sync(SyncObject.CUSTOMER, TO_SF).counts().created()).isEqualTo(1);
    assertThat(h.sync(CONTACT, TO_SF).counts().created()).isEqualTo(1);
    String contact = contactKeyed(customerId).path("Id").asText();
    h.personUpdates("Contact", contact, SyncHarness.JSON.createObjectNode().put("Primary__c", false));

    h.qboChange("Customer", customerId, change -> change.put("FamilyName", "King"));
    ObjectSyncResult changed = h.sync(CONTACT, TO_SF);

    assertThat(changed.counts().updated()).as("%s", changed).isEqualTo(1);
    assertThat(h.soql("SELECT " + CONTACT_FIELDS + " FROM Contact")).singleElement().satisfies(now -> {
      assertThat(now.path("LastName").asText()).isEqualTo("King");
      assertThat(now.path("Primary__c").asBoolean()).as("a person unchecked it; the sync does not check it again")
          .isFalse();
    });
  }

  @Test
  void aPrimaryContactMovedToAnotherAccountGoesToThatAccountsCustomerAndLeavesTheFirst() {
    TwoCafes cafes = graceAtHarborCafeAndDockDeliInBothSystems();
    String harbor = cafes.harbor();
    String dock = cafes.dock();
    String contact = cafes.grace();
    assertThat(h.sync(CONTACT, TO_SF).counts().failed()).isZero();

    h.personUpdates("Contact", contact, SyncHarness.JSON.createObjectNode().put("AccountId", accountOf(dock))
        .put("Email", "grace@dock.example.com"));
    ObjectSyncResult moved = h.sync(CONTACT, TO_QBO);

    assertThat(moved.counts().updated()).as("%s", moved).isEqualTo(1);
    assertThat(moved.counts().failed()).isZero();
    ObjectNode dockNow = h.qbo.read(h.realmId, "Customer", dock);
    assertThat(dockNow.path("GivenName").asText()).isEqualTo("Grace");
    assertThat(dockNow.at("/PrimaryEmailAddr/Address").asText()).isEqualTo("grace@dock.example.com");
    assertThat(h.qbo.read(h.realmId, "Customer", harbor).has("PrimaryEmailAddr"))
        .as("the customer it left is not written").isFalse();
    assertThat(contactKeyed(dock).path("Id").asText()).as("its key is the new customer's").isEqualTo(contact);

    h.qboChange("Customer", harbor, change -> change.put("Notes", "the old customer changes"));
    h.qboChange("Customer", dock, change -> change.put("FamilyName", "King"));
    ObjectSyncResult back = h.sync(CONTACT, TO_SF);

    assertThat(back.counts().failed()).as("%s", back).isZero();
    assertThat(h.soql("SELECT Id, AccountId, LastName FROM Contact WHERE Id = " + SalesforceClient.quote(contact)))
        .singleElement().satisfies(now -> {
          assertThat(now.path("LastName").asText()).as("it follows its new customer").isEqualTo("King");
          assertThat(now.path("AccountId").asText()).isEqualTo(accountOf(dock));
        });
  }

  @Test
  void aMovedContactCutOffAfterLeavingItsKeyIsReleasedByTheRetriedAttempt() {
    TwoCafes cafes = graceAtHarborCafeAndDockDeliInBothSystems();
    String harbor = cafes.harbor();
    String dock = cafes.dock();
    String contact = cafes.grace();
    h.personUpdates("Contact", contact, SyncHarness.JSON.createObjectNode().put("AccountId", accountOf(dock)));
    AtomicBoolean cut = h.answerLostOnce(request -> request.method().equals("PATCH")
        && request.url().encodedPath().contains("/composite/sobjects"), "simulated crash after its key was taken back");

    ObjectSyncResult retried = h.syncAfterACrash(CONTACT, TO_QBO);

    assertThat(cut).isTrue();
    assertThat(retried.counts().updated()).as("%s", retried).isEqualTo(1);
    assertThat(h.qbo.read(h.realmId, "Customer", dock).path("GivenName").asText()).isEqualTo("Grace");
    assertThat(contactKeyed(dock).path("Id").asText()).isEqualTo(contact);
    assertThat(h.soql("SELECT Id FROM Contact WHERE QBO_Id__c = " + SalesforceClient.quote(h.externalId(harbor))))
        .as("the customer it left is no one's").isEmpty();
  }

  @Test
  void twoNewPrimaryContactsOfOneAccountInOneRunWriteItsCustomerOnce() {
    String customerId = harborCafeInSalesforce();
    String account = accountOf(customerId);
    for (String familyName : List.of("Hopper", "Lovelace")) {
      h.personCreates("Contact", SyncHarness.JSON.createObjectNode().put("AccountId", account)
          .put("LastName", familyName).put("Primary__c", true));
    }

    ObjectSyncResult both = h.sync(CONTACT, TO_QBO);

    assertThat(both.counts().updated()).as("%s", both).isEqualTo(1);
    assertThat(both.counts().failed()).as("%s", both).isEqualTo(1);
    assertThat(h.soql("SELECT Id FROM Contact WHERE QBO_Id__c != null")).as("one holds the customer's key").hasSize(1);
  }

  @Test
  void aNotifiedCustomerSyncsItsContact() {
    String customerId = customer(SyncHarness.JSON.createObjectNode().put("DisplayName", "Harbor Cafe")
        .put("GivenName", "Ada").put("FamilyName", "Lovelace"));
    h.sync(SyncObject.CUSTOMER, TO_SF);
    h.sync(CONTACT, TO_SF);

    h.qboChange("Customer", customerId, change -> change.put("GivenName", "Augusta"));
    h.syncRecords(CONTACT, TO_SF, List.of(customerId), ConflictPolicy.SALESFORCE_WINS);

    assertThat(contactKeyed(customerId).path("FirstName").asText()).isEqualTo("Augusta");
  }

  /** Two customers and the Contact holding the first, by id: QuickBooks customers, a Salesforce Contact. */
  private record TwoCafes(String harbor, String dock, String grace) {}

  /**
   * The customers Harbor Cafe and Dock Deli synced to their Accounts, and Grace Hopper, a primary Contact made at
   * Harbor Cafe's Account, synced to its customer.
   */
  private TwoCafes graceAtHarborCafeAndDockDeliInBothSystems() {
    String harbor = customer(SyncHarness.JSON.createObjectNode().put("DisplayName", "Harbor Cafe"));
    String dock = customer(SyncHarness.JSON.createObjectNode().put("DisplayName", "Dock Deli"));
    h.sync(SyncObject.CUSTOMER, TO_SF);
    String grace = h.personCreates("Contact", SyncHarness.JSON.createObjectNode().put("AccountId", accountOf(harbor))
        .put("FirstName", "Grace").put("LastName", "Hopper").put("Primary__c", true));
    assertThat(h.sync(CONTACT, TO_QBO).counts().updated()).isEqualTo(1);
    return new TwoCafes(harbor, dock, grace);
  }

  /** The QuickBooks customer Harbor Cafe, synced to its Account; returns the customer's id. */
  private String harborCafeInSalesforce() {
    String customerId = customer(SyncHarness.JSON.createObjectNode().put("DisplayName", "Harbor Cafe"));
    h.sync(SyncObject.CUSTOMER, TO_SF);
    return customerId;
  }

  private String customer(ObjectNode fields) {
    return h.qboPost("customer", null, fields).path("Customer").path("Id").asText();
  }

  private String accountOf(String customerId) {
    return h.soql("SELECT Id FROM Account WHERE QBO_Id__c = " + SalesforceClient.quote(h.externalId(customerId)))
        .get(0).path("Id").asText();
  }

  private ObjectNode contactKeyed(String customerId) {
    List<ObjectNode> contacts = h.soql("SELECT " + CONTACT_FIELDS + " FROM Contact WHERE QBO_Id__c = "
        + SalesforceClient.quote(h.externalId(customerId)));
    assertThat(contacts).as("the Contact keyed %s", h.externalId(customerId)).hasSize(1);
    return contacts.get(0);
  }
}
