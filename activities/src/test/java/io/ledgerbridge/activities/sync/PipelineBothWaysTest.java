package io.ledgerbridge.activities.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.activities.mapping.Mappings;
import io.ledgerbridge.activities.salesforce.SalesforceClient;
import io.ledgerbridge.activities.store.RecordError;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.sync.FailureType;
import io.ledgerbridge.workflows.sync.ObjectSyncResult;
import io.ledgerbridge.workflows.sync.RecordCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The pipeline's steps told once and run in both directions: create, rerun, update, echo, conflict,
 * deferral, matching and failure, for Customers and Accounts (and, for deferral, invoices and won
 * opportunities; for lines, credit memos, whose lines are records of their own in Salesforce; for a document whose
 * lines belong to the system it was made in, estimates and Quotes; for two objects
 * sharing one Salesforce object, vendors beside customers; for a record kept in its parent's record, a customer's
 * primary contact). Each direction is a {@link World}: how a person changes the source and the
 * target; the assertions are the same for both.
 */
class PipelineBothWaysTest {
  private static final SyncObject CREDIT_MEMO = SyncObject.require("CreditMemo");
  private static final SyncObject VENDOR = SyncObject.require("Vendor");
  private static final SyncObject CONTACT = SyncObject.require("Contact");
  private static final SyncObject ESTIMATE = SyncObject.require("Estimate");
  SyncHarness h;

  @AfterEach
  void stop() {
    if (h != null) {
      h.close();
    }
  }

  /** One direction as a person sees it: the source and the target, and how each is changed outside the sync. */
  interface World {
    SyncDirection direction();

    /** A new source record (customer or account) with a name and a phone; its source id. */
    String createSource(String name, String phone);

    void changeSourcePhone(String sourceId, String phone);

    /** What marks a change of the source record (QuickBooks SyncToken, Salesforce SystemModstamp). */
    String sourceVersion(String sourceId);

    /** The phones of the target records carrying this name: one per record. */
    List<String> targetPhones(String name);

    void changeTargetPhone(String sourceId, String phone);

    /** A record a person made in the target alone; its target id. */
    String createTargetOnly(String name, String phone);

    /** The target id of the record synced from (or matched to) the source record. */
    String targetIdOf(String sourceId);

    /** A child of a new parent that is not in the target yet (an invoice, a won opportunity); the child's and the parent's source ids. */
    String[] createChildOfNewParent(String parentName);

    /** How many children are in the target for the parent's source id. */
    int childrenInTarget(String parentSourceId);

    /** A credit memo of a new customer, one line of quantity 1 per amount, its customer and item synced; its source id. */
    String createCreditMemo(String customerName, double... lineAmounts);

    /** A person changes the amount of one line of the credit memo, and nothing else. */
    void changeCreditMemoLine(String sourceId, int lineIndex, double amount);

    /** The amounts of the target credit memo's lines, in line order. */
    List<Double> targetLineAmounts(String sourceId);

    /**
     * An estimate of a new customer (in Salesforce a presented Quote on an Opportunity of its Account), one line of
     * quantity 1 per amount, its customer and item synced; its source id.
     */
    String createEstimate(String customerName, double... lineAmounts);

    /** A person accepts the estimate made for the source one where it arrived (QuickBooks' TxnStatus, the Quote's Status). */
    void acceptTargetEstimate(String sourceId);

    /** The source estimate's status as its system names it. */
    String sourceEstimateStatus(String sourceId);

    /** The amounts of the source estimate's lines, in line order. */
    List<Double> sourceEstimateLineAmounts(String sourceId);

    /** The amounts of the target estimate's lines, in line order. */
    List<Double> targetEstimateLineAmounts(String sourceId);

    /** A new vendor in the source (a QuickBooks vendor, an Account typed Vendor); its source id. */
    String createVendorSource(String name);

    /** What each target record carrying this name is: Customer or Vendor. */
    List<String> targetEntities(String name);

    /** The primary contact of a new customer whose Account is synced (the customer itself, a Contact); its source id. */
    String createContactSource(String customerName, String familyName);

    void changeContactFamilyName(String sourceId, String familyName);

    /** The family names the target keeps for the customer of this name: one per customer or Contact. */
    List<String> targetContactFamilyNames(String customerName);
  }

  private World world(SyncDirection direction, int customers) {
    h = new SyncHarness(customers);
    return direction == SyncDirection.QBO_TO_SALESFORCE ? new QuickBooksToSalesforce(h) : new SalesforceToQuickBooks(h);
  }

  @ParameterizedTest
  @EnumSource(SyncDirection.class)
  void aNewRecordIsCreatedOnceARerunWritesNothingAndAnUpdateArrives(SyncDirection direction) {
    World w = world(direction, 2);
    String id = w.createSource("Pipeline Create Co", "(303) 555-0101");

    ObjectSyncResult first = h.sync(SyncObject.CUSTOMER, direction);

    assertThat(first.counts().created()).isPositive();
    assertThat(first.counts().failed()).isZero();
    assertThat(w.targetPhones("Pipeline Create Co")).containsExactly("(303) 555-0101");

    h.writes.clear();
    ObjectSyncResult rerun = h.sync(SyncObject.CUSTOMER, direction);

    assertThat(written(rerun.counts())).as("%s", rerun).isZero();
    assertThat(h.writes).as("a rerun without changes writes nothing").isEmpty();

    w.changeSourcePhone(id, "(303) 555-0199");
    ObjectSyncResult update = h.sync(SyncObject.CUSTOMER, direction);

    assertThat(update.counts().updated()).isEqualTo(1);
    assertThat(update.counts().created()).isZero();
    assertThat(w.targetPhones("Pipeline Create Co")).containsExactly("(303) 555-0199");
  }

  @ParameterizedTest
  @EnumSource(SyncDirection.class)
  void whatTheSyncWroteIsNotSentBackTheOtherWay(SyncDirection direction) {
    World w = world(direction, 2);
    String id = w.createSource("Pipeline Echo Co", "(303) 555-0102");
    h.sync(SyncObject.CUSTOMER, direction);
    String before = w.sourceVersion(id);

    h.sync(SyncObject.CUSTOMER, direction.opposite());

    assertThat(w.sourceVersion(id)).as("the source record was not written back").isEqualTo(before);
    assertThat(h.stores.errors().findOpen(h.realmId, SyncObject.CUSTOMER, direction.opposite(), w.targetIdOf(id))).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(SyncDirection.class)
  void aRecordBothSidesChangedIsHeldAsAConflictWithBothVersions(SyncDirection direction) {
    World w = world(direction, 2);
    h.mappings = Mappings.withOverride(
        "mappings:\n  - {object: Customer, salesforceObject: Account, conflictPolicy: HOLD}\n", "hold.yaml");
    String id = w.createSource("Pipeline Conflict Co", "(303) 555-0103");
    h.sync(SyncObject.CUSTOMER, direction);
    w.changeSourcePhone(id, "(111) 555-0000");
    w.changeTargetPhone(id, "(222) 555-0000");

    ObjectSyncResult result = h.sync(SyncObject.CUSTOMER, direction);

    assertThat(result.counts().failed()).isEqualTo(1);
    assertThat(w.targetPhones("Pipeline Conflict Co")).as("the target keeps its version").containsExactly("(222) 555-0000");
    RecordError conflict = h.stores.errors().findOpen(h.realmId, SyncObject.CUSTOMER, direction, id).orElseThrow();
    assertThat(conflict.type()).isEqualTo(FailureType.CONFLICT);
    assertThat(conflict.message()).contains("(111) 555-0000").contains("(222) 555-0000").contains("HOLD");
  }

  @ParameterizedTest
  @EnumSource(SyncDirection.class)
  void aChildWhoseParentIsMissingWaitsAndSyncsWhenTheParentArrives(SyncDirection direction) {
    World w = world(direction, 1);
    h.sync(SyncObject.ITEM, direction);
    h.sync(SyncObject.CUSTOMER, direction);
    String[] childAndParent = w.createChildOfNewParent("Pipeline Parent Co");

    ObjectSyncResult alone = h.sync(SyncObject.INVOICE, direction);

    assertThat(alone.counts().deferred()).isEqualTo(1);
    assertThat(alone.counts().failed()).isZero();
    assertThat(h.stores.deferred().find(h.realmId, SyncObject.INVOICE, direction, childAndParent[0]).orElseThrow()
        .missingParents()).contains("Customer " + childAndParent[1]);
    assertThat(w.childrenInTarget(childAndParent[1])).isZero();

    h.sync(SyncObject.CUSTOMER, direction);

    assertThat(w.childrenInTarget(childAndParent[1])).as("synced when its parent's sync ran").isEqualTo(1);
    assertThat(h.stores.deferred().find(h.realmId, SyncObject.INVOICE, direction, childAndParent[0])).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(SyncDirection.class)
  void anUnlinkedTargetRecordWithTheSameNameIsMatchedNotDuplicated(SyncDirection direction) {
    World w = world(direction, 2);
    h.matchCustomersToAccountsByName();
    String twin = w.createTargetOnly("Pipeline Twin Co", "(303) 555-0104");
    String id = w.createSource("Pipeline Twin Co", "(303) 555-0105");

    ObjectSyncResult result = h.sync(SyncObject.CUSTOMER, direction);

    assertThat(result.counts().failed()).isZero();
    assertThat(w.targetPhones("Pipeline Twin Co")).as("one record, the source's phone").containsExactly("(303) 555-0105");
    assertThat(w.targetIdOf(id)).isEqualTo(twin);
  }

  @ParameterizedTest
  @EnumSource(SyncDirection.class)
  void aRecordTheMappingCannotWriteIsAnErrorWithItsReasonAndTheOthersSync(SyncDirection direction) {
    World w = world(direction, 2);
    h.mappings = Mappings.withOverride(
        """
        mappings:
          - object: Customer
            salesforceObject: Account
            fields:
              - {salesforce: Name, qbo: DisplayName, required: true}
              - {salesforce: Phone, qbo: PrimaryPhone.FreeFormNumber, required: true}
        """, "phone-required.yaml");
    String refused = w.createSource("Pipeline No Phone Co", null);
    w.createSource("Pipeline Phone Co", "(303) 555-0106");

    ObjectSyncResult result = h.sync(SyncObject.CUSTOMER, direction);

    assertThat(result.counts().failed()).isPositive();
    assertThat(result.failedSourceIds()).contains(refused);
    RecordError error = h.stores.errors().findOpen(h.realmId, SyncObject.CUSTOMER, direction, refused).orElseThrow();
    assertThat(error.type()).isEqualTo(FailureType.VALIDATION);
    assertThat(error.message()).contains("Phone");
    assertThat(w.targetPhones("Pipeline No Phone Co")).isEmpty();
    assertThat(w.targetPhones("Pipeline Phone Co")).containsExactly("(303) 555-0106");
  }

  @ParameterizedTest
  @EnumSource(SyncDirection.class)
  void aDocumentArrivesLineForLineAndALineChangedAloneFollows(SyncDirection direction) {
    World w = world(direction, 0);
    String id = w.createCreditMemo("Pipeline Credit Co", 10, 2.5);

    ObjectSyncResult created = h.sync(CREDIT_MEMO, direction);

    assertThat(created.counts().created()).as("%s", created).isEqualTo(1);
    assertThat(w.targetLineAmounts(id)).containsExactly(10.0, 2.5);

    w.changeCreditMemoLine(id, 1, 4);
    ObjectSyncResult updated = h.sync(CREDIT_MEMO, direction);

    assertThat(updated.counts().updated()).as("%s", updated).isEqualTo(1);
    assertThat(w.targetLineAmounts(id)).containsExactly(10.0, 4.0);
    h.writes.clear();
    ObjectSyncResult rerun = h.sync(CREDIT_MEMO, direction);
    assertThat(written(rerun.counts())).as("%s", rerun).isZero();
    assertThat(h.writes).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(SyncDirection.class)
  void anEstimateAcceptedWhereItArrivedIsAcceptedWhereItWasMadeWhoseLinesItKeeps(SyncDirection direction) {
    World w = world(direction, 0);
    String id = w.createEstimate("Pipeline Estimate Co", 30, 12.5);

    ObjectSyncResult created = h.sync(ESTIMATE, direction);

    assertThat(created.counts().created()).as("%s", created).isEqualTo(1);
    assertThat(w.targetEstimateLineAmounts(id)).containsExactly(30.0, 12.5);

    w.acceptTargetEstimate(id);
    ObjectSyncResult accepted = h.sync(ESTIMATE, direction.opposite());

    assertThat(accepted.counts().updated()).as("%s", accepted).isEqualTo(1);
    assertThat(accepted.counts().failed()).as("%s", accepted).isZero();
    assertThat(w.sourceEstimateStatus(id)).isEqualTo("Accepted");
    assertThat(w.sourceEstimateLineAmounts(id)).as("the lines are those of the system the estimate was made in")
        .containsExactly(30.0, 12.5);
    h.writes.clear();
    List<ObjectSyncResult> reruns = List.of(h.sync(ESTIMATE, direction), h.sync(ESTIMATE, direction.opposite()));
    assertThat(reruns).allSatisfy(rerun -> assertThat(written(rerun.counts())).as("%s", rerun).isZero());
    assertThat(h.writes).as("no echo either way").isEmpty();
  }

  private static long written(RecordCounts counts) {
    return counts.created() + counts.updated() + counts.failed() + counts.deferred();
  }

  @ParameterizedTest
  @EnumSource(SyncDirection.class)
  void aCustomerAndAVendorSharingAnObjectAndAnIdStayApart(SyncDirection direction) {
    World w = world(direction, 0);
    w.createSource("Pipeline Twin Customer", "(303) 555-0131");
    w.createVendorSource("Pipeline Twin Vendor");

    List<ObjectSyncResult> first = h.run(direction, SyncObject.CUSTOMER, VENDOR);

    assertThat(first).allSatisfy(result -> {
      assertThat(result.counts().created()).as("%s", result).isEqualTo(1);
      assertThat(result.counts().failed()).as("%s", result).isZero();
    });
    assertThat(w.targetEntities("Pipeline Twin Customer")).containsExactly("Customer");
    assertThat(w.targetEntities("Pipeline Twin Vendor")).containsExactly("Vendor");
    assertThat(h.qboAll("Vendor").get(0).path("Id")).as("the same QuickBooks Id").isEqualTo(h.qboAll("Customer").get(0).path("Id"));

    h.writes.clear();
    List<ObjectSyncResult> rerun = h.run(direction, SyncObject.CUSTOMER, VENDOR);

    assertThat(rerun).allSatisfy(result -> assertThat(written(result.counts())).as("%s", result).isZero());
    assertThat(h.writes).as("neither takes the other's record for its own").isEmpty();
  }

  @ParameterizedTest
  @EnumSource(SyncDirection.class)
  void aRecordKeptInItsParentsRecordIsWrittenThereAndFollowsItsChanges(SyncDirection direction) {
    World w = world(direction, 0);
    String id = w.createContactSource("Pipeline Contact Co", "Lovelace");

    ObjectSyncResult first = h.sync(CONTACT, direction);

    assertThat(first.counts().created() + first.counts().updated()).as("%s", first).isEqualTo(1);
    assertThat(first.counts().failed() + first.counts().deferred()).as("%s", first).isZero();
    assertThat(w.targetContactFamilyNames("Pipeline Contact Co")).containsExactly("Lovelace");

    w.changeContactFamilyName(id, "King");
    ObjectSyncResult changed = h.sync(CONTACT, direction);

    assertThat(changed.counts().updated()).as("%s", changed).isEqualTo(1);
    assertThat(w.targetContactFamilyNames("Pipeline Contact Co")).as("the same record, never a second")
        .containsExactly("King");
    h.writes.clear();
    List<ObjectSyncResult> reruns = List.of(h.sync(CONTACT, direction), h.sync(CONTACT, direction.opposite()));
    assertThat(reruns).allSatisfy(rerun -> assertThat(written(rerun.counts())).as("%s", rerun).isZero());
    assertThat(h.writes).as("no echo either way").isEmpty();
  }

  /** Customer or Vendor, as an Account's Type says. */
  private static String entityOfAccount(ObjectNode account) {
    return account.path("Type").asText().equals("Vendor") ? "Vendor" : "Customer";
  }

  /** QuickBooks customers (and invoices) into Salesforce accounts (and Invoice__c records). */
  private record QuickBooksToSalesforce(SyncHarness h) implements World {
    @Override
    public SyncDirection direction() {
      return SyncDirection.QBO_TO_SALESFORCE;
    }

    @Override
    public String createSource(String name, String phone) {
      ObjectNode customer = SyncHarness.JSON.createObjectNode().put("DisplayName", name);
      if (phone != null) {
        customer.putObject("PrimaryPhone").put("FreeFormNumber", phone);
      }
      return h.qboPost("customer", null, customer).path("Customer").path("Id").asText();
    }

    @Override
    public void changeSourcePhone(String sourceId, String phone) {
      h.qboChange("Customer", sourceId, u -> u.putObject("PrimaryPhone").put("FreeFormNumber", phone));
    }

    @Override
    public String sourceVersion(String sourceId) {
      return h.qbo.read(h.realmId, "Customer", sourceId).path("SyncToken").asText();
    }

    @Override
    public List<String> targetPhones(String name) {
      return h.soql("SELECT Phone FROM Account WHERE Name = " + SalesforceClient.quote(name)).stream()
          .map(a -> a.path("Phone").asText(null)).toList();
    }

    @Override
    public void changeTargetPhone(String sourceId, String phone) {
      h.personUpdates("Account", targetIdOf(sourceId), SyncHarness.JSON.createObjectNode().put("Phone", phone));
    }

    @Override
    public String createTargetOnly(String name, String phone) {
      return h.personCreates("Account", SyncHarness.JSON.createObjectNode().put("Name", name).put("Phone", phone));
    }

    @Override
    public String targetIdOf(String sourceId) {
      return h.soql("SELECT Id FROM Account WHERE QBO_Id__c = " + SalesforceClient.quote(h.externalId(sourceId)))
          .get(0).path("Id").asText();
    }

    @Override
    public String[] createChildOfNewParent(String parentName) {
      String customer = createSource(parentName, "(303) 555-0107");
      String item = h.qboAll("Item").stream().filter(i -> i.path("Type").asText().equals("Service")).findFirst()
          .orElseThrow().path("Id").asText();
      ObjectNode invoice = SyncHarness.object("{\"CustomerRef\":{\"value\":\"" + customer + "\"},\"Line\":[{\"Amount\":40,"
          + "\"DetailType\":\"SalesItemLineDetail\",\"SalesItemLineDetail\":{\"ItemRef\":{\"value\":\"" + item
          + "\"},\"Qty\":2,\"UnitPrice\":20}}]}");
      String invoiceId = h.qboPost("invoice", null, invoice).path("Invoice").path("Id").asText();
      return new String[] {invoiceId, customer};
    }

    @Override
    public int childrenInTarget(String parentSourceId) {
      List<ObjectNode> accounts = h.soql("SELECT Id FROM Account WHERE QBO_Id__c = "
          + SalesforceClient.quote(h.externalId(parentSourceId)));
      return accounts.isEmpty() ? 0
          : h.soql("SELECT Id FROM Invoice__c WHERE Account__c = " + SalesforceClient.quote(accounts.get(0).path("Id").asText()))
              .size();
    }

    @Override
    public String createCreditMemo(String customerName, double... lineAmounts) {
      String customer = createSource(customerName, "(303) 555-0109");
      h.run(direction(), SyncObject.CUSTOMER, SyncObject.ITEM);
      ObjectNode memo = SyncHarness.JSON.createObjectNode();
      memo.putObject("CustomerRef").put("value", customer);
      memo.set("Line", salesLines(lineAmounts));
      return h.qboPost("creditmemo", null, memo).path("CreditMemo").path("Id").asText();
    }

    @Override
    public void changeCreditMemoLine(String sourceId, int lineIndex, double amount) {
      ArrayNode lines = SyncHarness.JSON.createArrayNode();
      for (var line : h.qbo.read(h.realmId, "CreditMemo", sourceId).path("Line")) {
        if (line.path("DetailType").asText().equals("SalesItemLineDetail")) {
          lines.add(line.deepCopy());
        }
      }
      ObjectNode changed = (ObjectNode) lines.get(lineIndex);
      changed.put("Amount", amount);
      ((ObjectNode) changed.get("SalesItemLineDetail")).put("UnitPrice", amount);
      h.qboChange("CreditMemo", sourceId, u -> u.set("Line", lines));
    }

    @Override
    public List<Double> targetLineAmounts(String sourceId) {
      String memo = h.soql("SELECT Id FROM Credit_Memo__c WHERE QBO_Id__c = " + SalesforceClient.quote(h.externalId(sourceId)))
          .get(0).path("Id").asText();
      return h.soql("SELECT Amount__c FROM Credit_Memo_Line__c WHERE Credit_Memo__c = " + SalesforceClient.quote(memo)
          + " ORDER BY Line_Number__c").stream().map(line -> line.path("Amount__c").asDouble()).toList();
    }

    @Override
    public String createEstimate(String customerName, double... lineAmounts) {
      String customer = createSource(customerName, "(303) 555-0111");
      h.run(direction(), SyncObject.CUSTOMER, SyncObject.ITEM);
      ObjectNode estimate = SyncHarness.JSON.createObjectNode();
      estimate.putObject("CustomerRef").put("value", customer);
      estimate.set("Line", salesLines(lineAmounts));
      return h.qboPost("estimate", null, estimate).path("Estimate").path("Id").asText();
    }

    /** One sales item line of quantity 1 per amount, of the first service item. */
    private ArrayNode salesLines(double... amounts) {
      String item = h.qboAll("Item").stream().filter(i -> i.path("Type").asText().equals("Service")).findFirst()
          .orElseThrow().path("Id").asText();
      ArrayNode lines = SyncHarness.JSON.createArrayNode();
      for (double amount : amounts) {
        ObjectNode line = lines.addObject().put("DetailType", "SalesItemLineDetail").put("Amount", amount);
        line.putObject("SalesItemLineDetail").put("Qty", 1).put("UnitPrice", amount).putObject("ItemRef").put("value", item);
      }
      return lines;
    }

    @Override
    public void acceptTargetEstimate(String sourceId) {
      h.personUpdates("Quote", quoteOf(sourceId), SyncHarness.JSON.createObjectNode().put("Status", "Accepted"));
    }

    @Override
    public String sourceEstimateStatus(String sourceId) {
      return h.qbo.read(h.realmId, "Estimate", sourceId).path("TxnStatus").asText();
    }

    @Override
    public List<Double> sourceEstimateLineAmounts(String sourceId) {
      return qboSalesLineAmounts(h, "Estimate", sourceId);
    }

    @Override
    public List<Double> targetEstimateLineAmounts(String sourceId) {
      return quoteLineAmounts(h, quoteOf(sourceId));
    }

    private String quoteOf(String estimateId) {
      return h.soql("SELECT Id FROM Quote WHERE QBO_Id__c = " + SalesforceClient.quote(h.externalId(estimateId)))
          .get(0).path("Id").asText();
    }

    @Override
    public String createVendorSource(String name) {
      return h.qboPost("vendor", null, SyncHarness.JSON.createObjectNode().put("DisplayName", name))
          .path("Vendor").path("Id").asText();
    }

    @Override
    public List<String> targetEntities(String name) {
      return h.soql("SELECT Type FROM Account WHERE Name = " + SalesforceClient.quote(name)).stream()
          .map(PipelineBothWaysTest::entityOfAccount).toList();
    }

    @Override
    public String createContactSource(String customerName, String familyName) {
      String customer = h.qboPost("customer", null, SyncHarness.JSON.createObjectNode().put("DisplayName", customerName)
          .put("GivenName", "Ada").put("FamilyName", familyName)).path("Customer").path("Id").asText();
      h.sync(SyncObject.CUSTOMER, direction());
      return customer;
    }

    @Override
    public void changeContactFamilyName(String sourceId, String familyName) {
      h.qboChange("Customer", sourceId, u -> u.put("FamilyName", familyName));
    }

    @Override
    public List<String> targetContactFamilyNames(String customerName) {
      String account = h.soql("SELECT Id FROM Account WHERE Name = " + SalesforceClient.quote(customerName)).get(0)
          .path("Id").asText();
      return h.soql("SELECT LastName FROM Contact WHERE AccountId = " + SalesforceClient.quote(account)).stream()
          .map(contact -> contact.path("LastName").asText()).toList();
    }
  }

  /** Salesforce accounts (and won opportunities) into QuickBooks customers (and invoices). */
  private record SalesforceToQuickBooks(SyncHarness h) implements World {
    @Override
    public SyncDirection direction() {
      return SyncDirection.SALESFORCE_TO_QBO;
    }

    @Override
    public String createSource(String name, String phone) {
      ObjectNode account = SyncHarness.JSON.createObjectNode().put("Name", name);
      if (phone != null) {
        account.put("Phone", phone);
      }
      return h.personCreates("Account", account);
    }

    @Override
    public void changeSourcePhone(String sourceId, String phone) {
      h.personUpdates("Account", sourceId, SyncHarness.JSON.createObjectNode().put("Phone", phone));
    }

    @Override
    public String sourceVersion(String sourceId) {
      return h.soql("SELECT SystemModstamp FROM Account WHERE Id = " + SalesforceClient.quote(sourceId)).get(0)
          .path("SystemModstamp").asText();
    }

    @Override
    public List<String> targetPhones(String name) {
      return h.qboAll("Customer").stream().filter(c -> c.path("DisplayName").asText().equals(name))
          .map(c -> c.path("PrimaryPhone").path("FreeFormNumber").asText(null)).toList();
    }

    @Override
    public void changeTargetPhone(String sourceId, String phone) {
      h.qboChange("Customer", targetIdOf(sourceId), u -> u.putObject("PrimaryPhone").put("FreeFormNumber", phone));
    }

    @Override
    public String createTargetOnly(String name, String phone) {
      ObjectNode customer = SyncHarness.JSON.createObjectNode().put("DisplayName", name);
      customer.putObject("PrimaryPhone").put("FreeFormNumber", phone);
      return h.qboPost("customer", null, customer).path("Customer").path("Id").asText();
    }

    @Override
    public String targetIdOf(String sourceId) {
      return qboIdOf("Account", sourceId);
    }

    @Override
    public String[] createChildOfNewParent(String parentName) {
      String account = createSource(parentName, "(303) 555-0108");
      String entry = newProductsStandardPrice("Pipeline Gizmo");
      h.sync(SyncObject.ITEM, direction());
      String won = h.personCreates("Opportunity", SyncHarness.object("{\"Name\":\"Pipeline deal\",\"AccountId\":\""
          + account + "\",\"StageName\":\"Closed Won\",\"CloseDate\":\"2026-11-21\"}"));
      h.personCreates("OpportunityLineItem", SyncHarness.object("{\"OpportunityId\":\"" + won + "\",\"PricebookEntryId\":\""
          + entry + "\",\"Quantity\":2,\"TotalPrice\":30}"));
      return new String[] {won, account};
    }

    @Override
    public int childrenInTarget(String parentSourceId) {
      String key = h.soql("SELECT QBO_Id__c FROM Account WHERE Id = " + SalesforceClient.quote(parentSourceId)).get(0)
          .path("QBO_Id__c").asText(null);
      if (key == null) {
        return 0;
      }
      String customer = key.substring(key.lastIndexOf('-') + 1);
      return (int) h.qboAll("Invoice").stream().filter(i -> i.path("CustomerRef").path("value").asText().equals(customer))
          .count();
    }

    @Override
    public String createCreditMemo(String customerName, double... lineAmounts) {
      String account = createSource(customerName, "(303) 555-0110");
      String product = h.personCreates("Product2", SyncHarness.object("{\"Name\":\"Pipeline Credit Item\",\"IsActive\":true}"));
      String standardBook = h.soql("SELECT Id FROM Pricebook2 WHERE IsStandard = true").get(0).get("Id").asText();
      h.personCreates("PricebookEntry", SyncHarness.object("{\"Pricebook2Id\":\"" + standardBook
          + "\",\"Product2Id\":\"" + product + "\",\"UnitPrice\":15,\"IsActive\":true}"));
      h.run(direction(), SyncObject.CUSTOMER, SyncObject.ITEM);
      String memo = h.personCreates("Credit_Memo__c", SyncHarness.JSON.createObjectNode().put("Name", "Pipeline credit")
          .put("Account__c", account));
      for (double amount : lineAmounts) {
        h.personCreates("Credit_Memo_Line__c", SyncHarness.JSON.createObjectNode().put("Name", "line").put("Credit_Memo__c", memo)
            .put("Product__c", product).put("Quantity__c", 1).put("Unit_Price__c", amount).put("Amount__c", amount));
      }
      return memo;
    }

    @Override
    public void changeCreditMemoLine(String sourceId, int lineIndex, double amount) {
      String line = h.soql("SELECT Id FROM Credit_Memo_Line__c WHERE Credit_Memo__c = " + SalesforceClient.quote(sourceId)
          + " ORDER BY Id").get(lineIndex).path("Id").asText();
      h.personUpdates("Credit_Memo_Line__c", line,
          SyncHarness.JSON.createObjectNode().put("Unit_Price__c", amount).put("Amount__c", amount));
    }

    @Override
    public List<Double> targetLineAmounts(String sourceId) {
      return qboSalesLineAmounts(h, "CreditMemo", qboIdOf("Credit_Memo__c", sourceId));
    }

    @Override
    public String createEstimate(String customerName, double... lineAmounts) {
      String account = createSource(customerName, "(303) 555-0112");
      String entry = newProductsStandardPrice("Pipeline Estimate Item");
      h.run(direction(), SyncObject.CUSTOMER, SyncObject.ITEM);
      String opportunity = h.personCreates("Opportunity", SyncHarness.JSON.createObjectNode().put("Name", "Pipeline proposal")
          .put("AccountId", account).put("StageName", "Proposal/Price Quote").put("CloseDate", "2026-12-31"));
      String quote = h.personCreates("Quote", SyncHarness.JSON.createObjectNode().put("Name", "Pipeline estimate")
          .put("OpportunityId", opportunity).put("Status", "Presented").put("ExpirationDate", "2026-12-31"));
      for (double amount : lineAmounts) {
        h.personCreates("QuoteLineItem", SyncHarness.JSON.createObjectNode().put("QuoteId", quote)
            .put("PricebookEntryId", entry).put("Quantity", 1).put("UnitPrice", amount));
      }
      return quote;
    }

    @Override
    public void acceptTargetEstimate(String sourceId) {
      h.qboChange("Estimate", qboIdOf("Quote", sourceId), update -> update.put("TxnStatus", "Accepted"));
    }

    @Override
    public String sourceEstimateStatus(String sourceId) {
      return h.soql("SELECT Status FROM Quote WHERE Id = " + SalesforceClient.quote(sourceId)).get(0).path("Status").asText();
    }

    @Override
    public List<Double> sourceEstimateLineAmounts(String sourceId) {
      return quoteLineAmounts(h, sourceId);
    }

    @Override
    public List<Double> targetEstimateLineAmounts(String sourceId) {
      return qboSalesLineAmounts(h, "Estimate", qboIdOf("Quote", sourceId));
    }

    /** The QuickBooks Id in the key the sync wrote on a Salesforce record. */
    private String qboIdOf(String salesforceObject, String id) {
      String key = h.soql("SELECT QBO_Id__c FROM " + salesforceObject + " WHERE Id = " + SalesforceClient.quote(id)).get(0)
          .path("QBO_Id__c").asText();
      return key.substring(key.lastIndexOf('-') + 1);
    }

    /** A new active product with a standard price of 15; its PricebookEntry's id. */
    private String newProductsStandardPrice(String name) {
      String product = h.personCreates("Product2", SyncHarness.JSON.createObjectNode().put("Name", name).put("IsActive", true));
      String standardBook = h.soql("SELECT Id FROM Pricebook2 WHERE IsStandard = true").get(0).get("Id").asText();
      return h.personCreates("PricebookEntry", SyncHarness.object("{\"Pricebook2Id\":\"" + standardBook
          + "\",\"Product2Id\":\"" + product + "\",\"UnitPrice\":15,\"IsActive\":true}"));
    }

    @Override
    public String createVendorSource(String name) {
      return h.personCreates("Account", SyncHarness.JSON.createObjectNode().put("Name", name).put("Type", "Vendor"));
    }

    @Override
    public List<String> targetEntities(String name) {
      return Stream.of("Customer", "Vendor")
          .flatMap(entity -> h.qboAll(entity).stream()
              .filter(row -> row.path("DisplayName").asText().equals(name)).map(row -> entity))
          .toList();
    }

    @Override
    public String createContactSource(String customerName, String familyName) {
      String account = createSource(customerName, null);
      h.sync(SyncObject.CUSTOMER, direction());
      return h.personCreates("Contact", SyncHarness.JSON.createObjectNode().put("AccountId", account)
          .put("FirstName", "Ada").put("LastName", familyName).put("Primary__c", true));
    }

    @Override
    public void changeContactFamilyName(String sourceId, String familyName) {
      h.personUpdates("Contact", sourceId, SyncHarness.JSON.createObjectNode().put("LastName", familyName));
    }

    @Override
    public List<String> targetContactFamilyNames(String customerName) {
      return h.qboAll("Customer").stream().filter(c -> c.path("DisplayName").asText().equals(customerName))
          .map(c -> c.path("FamilyName").asText(null)).toList();
    }
  }

  /** The amounts of a QuickBooks sales form's item lines, in line order. */
  private static List<Double> qboSalesLineAmounts(SyncHarness h, String entity, String id) {
    List<Double> amounts = new ArrayList<>();
    for (var line : h.qbo.read(h.realmId, entity, id).path("Line")) {
      if (line.path("DetailType").asText().equals("SalesItemLineDetail")) {
        amounts.add(line.path("Amount").asDouble());
      }
    }
    return amounts;
  }

  /** The amounts of a Quote's QuoteLineItems, in the order they were made. */
  private static List<Double> quoteLineAmounts(SyncHarness h, String quote) {
    return h.soql("SELECT TotalPrice FROM QuoteLineItem WHERE QuoteId = " + SalesforceClient.quote(quote) + " ORDER BY Id")
        .stream().map(line -> line.path("TotalPrice").asDouble()).toList();
  }
}
