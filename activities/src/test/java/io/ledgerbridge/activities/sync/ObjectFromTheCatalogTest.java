package io.ledgerbridge.activities.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.activities.mapping.Mappings;
import io.ledgerbridge.activities.salesforce.SalesforceClient;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.sync.ConflictPolicy;
import io.ledgerbridge.workflows.sync.ObjectSyncResult;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An object is a catalog entry and a mapping: a made-up "Project" (QuickBooks' sub-customers, the
 * customers marked {@code Job}) registered here syncs to Salesforce Accounts through the same
 * pipeline as the built-in objects, with no code of its own, beside the Customer whose record it is.
 */
class ObjectFromTheCatalogTest {
  private static final SyncDirection TO_SF = SyncDirection.QBO_TO_SALESFORCE;

  SyncHarness h = new SyncHarness(2);

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void aMadeUpObjectSyncsFromItsCatalogEntryAndMappingAlone() {
    try (SyncObject.Registration registered = SyncObject.register(new SyncObject.Entry("Project", List.of("Customer"),
        Set.of(TO_SF), "Account", true, "customerdetail?nameId={id}", false, ConflictPolicy.QBO_WINS))) {
      SyncObject project = SyncObject.require("project");
      assertThat(project.parents()).containsExactly(SyncObject.CUSTOMER);
      assertThat(SyncObject.CUSTOMER.children()).contains(project);
      h.mappings = Mappings.withOverride("""
          mappings:
            - object: Project
              direction: QBO_TO_SALESFORCE
              qboEntity: Customer
              qboCondition: "Job = true"
              salesforceObject: Account
              externalIdField: QBO_Id__c
              fields:
                - {salesforce: Name, template: "Project {DisplayName}", required: true, transforms: [truncate], length: 255}
                - {salesforce: Description, qbo: Notes}
          """, "projects.yaml");
      String job = h.qboPost("customer", null, SyncHarness.JSON.createObjectNode()
          .put("DisplayName", "Kitchen remodel").put("Job", true).put("Notes", "phase 1"))
          .path("Customer").path("Id").asText();

      h.sync(SyncObject.CUSTOMER, TO_SF);
      ObjectSyncResult projects = h.sync(project, TO_SF);

      assertThat(projects.counts().read()).as("only the customers marked Job").isEqualTo(1);
      assertThat(projects.counts().created()).as("%s", projects).isEqualTo(1);
      assertThat(h.soql("SELECT Name, Description FROM Account WHERE QBO_Id__c = "
          + SalesforceClient.quote(h.realmId + "-Customer-" + job)))
          .singleElement().satisfies(account -> {
            assertThat(account.path("Name").asText()).isEqualTo("Project Kitchen remodel");
            assertThat(account.path("Description").asText()).isEqualTo("phase 1");
          });
      assertThat(h.soql("SELECT Name FROM Account WHERE QBO_Id__c = " + SalesforceClient.quote(h.externalId(job))))
          .as("the Customer's own Account keeps its key").singleElement()
          .satisfies(account -> assertThat(account.path("Name").asText()).isEqualTo("Kitchen remodel"));

      h.writes.clear();
      h.qboChange("Customer", job, change -> change.put("Notes", "phase 2"));
      ObjectSyncResult changed = h.sync(project, TO_SF);

      assertThat(changed.counts().updated()).isEqualTo(1);
      assertThat(h.soql("SELECT Description FROM Account WHERE QBO_Id__c = "
          + SalesforceClient.quote(h.realmId + "-Customer-" + job)).get(0).path("Description").asText()).isEqualTo("phase 2");
    }
    assertThat(SyncObject.find("Project")).as("the registration ends with the test").isEmpty();
  }
}
