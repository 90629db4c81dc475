package io.ledgerbridge.activities.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class RecordMappingTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final RecordMapping MAPPING = RecordMapping.CUSTOMER_TO_ACCOUNT;

  static ObjectNode amy() throws Exception {
    return (ObjectNode)
        JSON.readTree(
            """
            {"DisplayName":"Amy's Bird Sanctuary","PrimaryPhone":{"FreeFormNumber":"(650) 555-3311"},"Active":true,
             "WebAddr":{"URI":"https://birds.example"},
             "BillAddr":{"City":"Bayshore","Line1":"4581 Finch St.","Line2":"Suite 2","Line4":"Rear","PostalCode":"94326","CountrySubDivisionCode":"CA","Country":"USA","Id":"2"},
             "SyncToken":"5","Id":"1","MetaData":{"LastUpdatedTime":"2015-07-01T10:14:15-07:00"}}""");
  }

  @Test
  void customerMapsToAccountFieldsWithTheCompanyScopedExternalId() throws Exception {
    RecordMapping.Mapped mapped = MAPPING.map("9130", amy());

    ObjectNode f = mapped.fields();
    assertThat(f.get("QBO_Id__c").asText()).isEqualTo("9130-1");
    assertThat(f.get("Name").asText()).isEqualTo("Amy's Bird Sanctuary");
    assertThat(f.get("BillingStreet").asText()).isEqualTo("4581 Finch St.\nSuite 2\nRear");
    assertThat(f.get("BillingCity").asText()).isEqualTo("Bayshore");
    assertThat(f.get("BillingState").asText()).isEqualTo("CA");
    assertThat(f.get("BillingPostalCode").asText()).isEqualTo("94326");
    assertThat(f.get("BillingCountry").asText()).isEqualTo("USA");
    assertThat(f.get("Phone").asText()).isEqualTo("(650) 555-3311");
    assertThat(f.get("Website").asText()).isEqualTo("https://birds.example");
    assertThat(f.get("QBO_Sync_Status__c").asText()).isEqualTo("Active");
    assertThat(mapped.missingRequired()).isEmpty();
    assertThat(mapped.hash()).hasSize(64);
  }

  @Test
  void absentSourceValuesAreSentAsNullSoTheyClearTheTarget() throws Exception {
    ObjectNode customer = amy();
    customer.remove("PrimaryPhone");
    customer.remove("WebAddr");
    customer.put("Active", false);

    ObjectNode f = MAPPING.map("9130", customer).fields();

    assertThat(f.get("Phone").isNull()).isTrue();
    assertThat(f.get("Website").isNull()).isTrue();
    assertThat(f.get("QBO_Sync_Status__c").asText()).isEqualTo("Inactive");
  }

  @Test
  void valuesAreCutToTheTargetFieldLengths() throws Exception {
    ObjectNode customer = amy();
    customer.put("DisplayName", "N".repeat(500));
    ((ObjectNode) customer.get("BillAddr")).put("City", "C".repeat(100)).put("PostalCode", "1234567890123456789012345");

    ObjectNode f = MAPPING.map("9130", customer).fields();

    assertThat(f.get("Name").asText()).hasSize(255);
    assertThat(f.get("BillingCity").asText()).hasSize(40);
    assertThat(f.get("BillingPostalCode").asText()).hasSize(20);
  }

  @Test
  void cuttingNeverSplitsASurrogatePair() {
    assertThat(FieldRule.truncate("ab\uD83D\uDE00", 3)).isEqualTo("ab");
  }

  @Test
  void customerWithoutDisplayNameIsMissingTheRequiredName() throws Exception {
    ObjectNode customer = amy();
    customer.remove("DisplayName");

    assertThat(MAPPING.map("9130", customer).missingRequired()).containsExactly("Name (from DisplayName)");
  }

  @Test
  void hashChangesWithMappedContentOnly() throws Exception {
    String base = MAPPING.map("9130", amy()).hash();
    ObjectNode unmappedChange = amy().put("SyncToken", "6");
    ObjectNode mappedChange = amy();
    ((ObjectNode) mappedChange.get("PrimaryPhone")).put("FreeFormNumber", "(650) 555-0000");

    assertThat(MAPPING.map("9130", unmappedChange).hash()).isEqualTo(base);
    assertThat(MAPPING.map("9130", mappedChange).hash()).isNotEqualTo(base);
    assertThat(MAPPING.map("9131", amy()).hash()).isNotEqualTo(base);
  }

  @Test
  void syncQueryReadsInactiveCustomersAndTheCursorsOwnSecond() {
    assertThat(SyncActivitiesImpl.clauses("Active IN (true, false)", "2015-07-01T10:14:15-07:00"))
        .isEqualTo(
            "WHERE Active IN (true, false) AND MetaData.LastUpdatedTime >= '2015-07-01T10:14:15-07:00'"
                + " ORDERBY MetaData.LastUpdatedTime");
    assertThat(SyncActivitiesImpl.clauses(null, null)).isEqualTo("ORDERBY MetaData.LastUpdatedTime");
  }
}
