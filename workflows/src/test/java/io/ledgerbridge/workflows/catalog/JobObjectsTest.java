package io.ledgerbridge.workflows.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class JobObjectsTest {

  @Test
  void parentsBeforeChildrenAreAcceptedInTheGivenOrder() {
    assertThat(JobObjects.resolveInOrder(List.of("customer", "Item", "INVOICE", "Payment")))
        .containsExactly(SyncObject.CUSTOMER, SyncObject.ITEM, SyncObject.INVOICE, SyncObject.PAYMENT);
  }

  @Test
  void aChildWhoseParentIsNotInTheJobIsAccepted() {
    assertThat(JobObjects.resolveInOrder(List.of("Invoice"))).containsExactly(SyncObject.INVOICE);
  }

  @Test
  void aChildBeforeItsParentIsRefusedNamingBoth() {
    assertThatThrownBy(() -> JobObjects.resolveInOrder(List.of("Invoice", "Customer")))
        .hasMessageContaining("Invoice is listed before Customer")
        .hasMessageContaining("move Customer before Invoice");
  }

  @Test
  void unknownRepeatedAndMissingObjectsAreRefused() {
    assertThatThrownBy(() -> JobObjects.resolveInOrder(List.of("PurchaseOrder")))
        .hasMessageContaining("unknown object 'PurchaseOrder'")
        .hasMessageContaining("Customer, Item, Invoice, Vendor, CreditMemo, Payment, SalesReceipt, Estimate, Contact");
    assertThatThrownBy(() -> JobObjects.resolveInOrder(List.of("Customer", "customer")))
        .hasMessageContaining("listed twice");
    assertThatThrownBy(() -> JobObjects.resolveInOrder(List.of())).hasMessageContaining("at least one");
    assertThatThrownBy(() -> JobObjects.resolveInOrder(null)).hasMessageContaining("at least one");
  }

  @Test
  void aContactIsListedAfterItsCustomer() {
    assertThatThrownBy(() -> JobObjects.resolveInOrder(List.of("Contact", "Customer")))
        .hasMessageContaining("Contact is listed before Customer");
    assertThat(JobObjects.resolveInOrder(List.of("Customer", "Contact"), SyncDirection.SALESFORCE_TO_QBO))
        .containsExactly(SyncObject.CUSTOMER, SyncObject.require("Contact"));
  }

  @Test
  void anObjectIsRefusedInADirectionItDoesNotSync() {
    assertThatThrownBy(() -> JobObjects.resolveInOrder(List.of("Customer", "Payment"), SyncDirection.SALESFORCE_TO_QBO))
        .hasMessageContaining("Payment is not synced SALESFORCE_TO_QBO");
    assertThat(JobObjects.resolveInOrder(List.of("Customer", "Item", "Invoice"), SyncDirection.SALESFORCE_TO_QBO))
        .containsExactly(SyncObject.CUSTOMER, SyncObject.ITEM, SyncObject.INVOICE);
  }

  @Test
  void theCatalogKnowsWhichObjectsWaitForWhich() {
    SyncObject creditMemo = SyncObject.require("CreditMemo");
    SyncObject salesReceipt = SyncObject.require("SalesReceipt");
    SyncObject estimate = SyncObject.require("Estimate");
    SyncObject contact = SyncObject.require("Contact");
    assertThat(contact.parents()).containsExactly(SyncObject.CUSTOMER);
    assertThat(estimate.parents()).containsExactly(SyncObject.CUSTOMER, SyncObject.ITEM);
    assertThat(SyncObject.CUSTOMER.children())
        .containsExactly(SyncObject.INVOICE, creditMemo, SyncObject.PAYMENT, salesReceipt, estimate, contact);
    assertThat(SyncObject.ITEM.children()).containsExactly(SyncObject.INVOICE, creditMemo, salesReceipt, estimate);
    assertThat(SyncObject.INVOICE.children()).containsExactly(SyncObject.PAYMENT);
    assertThat(creditMemo.children()).as("a payment applies credit memos too").containsExactly(SyncObject.PAYMENT);
  }
}
