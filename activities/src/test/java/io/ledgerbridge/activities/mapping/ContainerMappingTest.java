package io.ledgerbridge.activities.mapping;

import static io.ledgerbridge.activities.mapping.ObjectMappingTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A record in a container the sync made is known by the container's key, read through the record's lookup. */
class ContainerMappingTest {
  private static final ContainerMapping OPPORTUNITY = new ContainerMapping("Opportunity", "OpportunityId", "QBO_Id__c", List.of());

  @Test
  void theKeyIsReadThroughTheLookupsRelationshipStandardOrCustom() {
    assertThat(OPPORTUNITY.keyThroughLookup()).isEqualTo("Opportunity.QBO_Id__c");
    assertThat(new ContainerMapping("Deal__c", "Deal__c", "Key__c", List.of()).keyThroughLookup())
        .isEqualTo("Deal__r.Key__c");
  }

  @Test
  void aRecordIsInAContainerTheSyncMadeOnlyUnderThisCompanysKeyForTheEntity() {
    assertThat(OPPORTUNITY.holds(json("{\"Opportunity\": {\"QBO_Id__c\": \"9130-Estimate-41\"}}"), "9130", "Estimate"))
        .isTrue();
    assertThat(OPPORTUNITY.holds(json("{\"Opportunity\": {\"QBO_Id__c\": \"9130-41\"}}"), "9130", "Estimate"))
        .as("an invoice's deal").isFalse();
    assertThat(OPPORTUNITY.holds(json("{\"Opportunity\": {\"QBO_Id__c\": \"7777-Estimate-41\"}}"), "9130", "Estimate"))
        .as("another company's").isFalse();
    assertThat(OPPORTUNITY.holds(json("{\"Opportunity\": {\"QBO_Id__c\": null}}"), "9130", "Estimate"))
        .as("a sales team's Opportunity").isFalse();
    assertThat(OPPORTUNITY.holds(json("{\"Opportunity\": null}"), "9130", "Estimate")).isFalse();
  }
}
