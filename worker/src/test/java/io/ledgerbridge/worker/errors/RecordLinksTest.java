package io.ledgerbridge.worker.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.workflows.catalog.SyncObject;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** A failed record's QuickBooks page comes from its catalog entry, so every object links to its own page. */
class RecordLinksTest {
  /** The pages are made from the ids alone; the database is asked only for the links of a Salesforce record. */
  private static final JdbcTemplate NO_DATABASE = new JdbcTemplate();

  private final RecordLinks production =
      new RecordLinks("https://quickbooks.api.intuit.com/v3", "https://acme.my.salesforce.com", NO_DATABASE);

  @Test
  void eachObjectOpensItsOwnQuickBooksPage() {
    assertThat(production.quickBooks("9130357766001001", SyncObject.CUSTOMER, "58"))
        .isEqualTo("https://app.qbo.intuit.com/app/customerdetail?nameId=58");
    assertThat(production.quickBooks("9130357766001001", SyncObject.require("CreditMemo"), "7"))
        .isEqualTo("https://app.qbo.intuit.com/app/creditmemo?txnId=7");
    assertThat(production.quickBooks("9130357766001001", SyncObject.require("SalesReceipt"), "7"))
        .isEqualTo("https://app.qbo.intuit.com/app/salesreceipt?txnId=7");
    assertThat(production.quickBooks("9130357766001001", SyncObject.require("Estimate"), "12"))
        .isEqualTo("https://app.qbo.intuit.com/app/estimate?txnId=12");
    assertThat(production.quickBooks("9130357766001001", SyncObject.require("Vendor"), "58"))
        .as("a vendor with a customer's Id opens the vendor").isEqualTo("https://app.qbo.intuit.com/app/vendordetail?nameId=58");
    assertThat(production.salesforce("a04Hs0000000001IAA")).isEqualTo("https://acme.my.salesforce.com/a04Hs0000000001IAA");
  }

  @Test
  void theSandboxesHaveNoPages() {
    RecordLinks local = new RecordLinks("http://127.0.0.1:9101", "http://127.0.0.1:9102", NO_DATABASE);

    assertThat(local.quickBooks("9130357766001001", SyncObject.require("CreditMemo"), "7")).isNull();
    assertThat(local.salesforce("a04Hs0000000001IAA")).isNull();
  }
}
