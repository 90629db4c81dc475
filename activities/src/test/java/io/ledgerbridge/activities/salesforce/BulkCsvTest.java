package io.ledgerbridge.activities.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CSV of bulk ingest jobs as LedgerBridge writes it, and Salesforce's result files and errors as it reads them. */
class BulkCsvTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void recordsBecomeOneHeaderAndQuotedRowsThatReadBackAsSent() {
    ObjectNode first = JSON.createObjectNode().put("QBO_Id__c", "1-1").put("Name", "Quote \"and\", comma")
        .put("Description", "two\nlines").put("Amount__c", new BigDecimal("1E+3")).put("IsActive__c", true);
    ObjectNode second = JSON.createObjectNode().put("QBO_Id__c", "1-2").put("Name", "Blanked").putNull("Description")
        .put("Phone", "");

    String csv = BulkCsv.of(List.of(first, second));

    List<List<String>> rows = BulkCsv.parse(csv);
    assertThat(rows.get(0)).containsExactly("QBO_Id__c", "Name", "Description", "Amount__c", "IsActive__c", "Phone");
    assertThat(rows.get(1)).containsExactly("1-1", "Quote \"and\", comma", "two\nlines", "1000", "true", "");
    assertThat(rows.get(2)).as("null and \"\" blank a field; a field left out stays as it is")
        .containsExactly("1-2", "Blanked", "#N/A", "", "", "#N/A");
    assertThat(csv).endsWith(",\"#N/A\"\n");
  }

  @Test
  void aFieldHoldingMoreThanOneValueIsRefused() {
    ObjectNode nested = JSON.createObjectNode().put("QBO_Id__c", "1-1");
    nested.putObject("Account__r").put("QBO_Id__c", "1-9");

    assertThat(catchThrowable(() -> BulkCsv.of(List.of(nested))))
        .hasMessageContaining("Account__r");
  }

  @Test
  void anSfErrorReadsAsTheErrorACollectionAnswers() {
    assertThat(BulkCsv.error("REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --"))
        .isEqualTo(new SalesforceError("REQUIRED_FIELD_MISSING", "Required fields are missing: [Name]", List.of("Name")));
    assertThat(BulkCsv.error("INVALID_FIELD:Foreign key external ID: 1-9 not found for field QBO_Id__c in entity Account: --"))
        .isEqualTo(new SalesforceError("INVALID_FIELD",
            "Foreign key external ID: 1-9 not found for field QBO_Id__c in entity Account", List.of()));
    assertThat(BulkCsv.error("UNABLE_TO_LOCK_ROW:unable to obtain exclusive access to this record:--").code())
        .isEqualTo("UNABLE_TO_LOCK_ROW");
  }
}
