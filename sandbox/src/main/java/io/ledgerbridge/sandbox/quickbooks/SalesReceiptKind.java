package io.ledgerbridge.sandbox.quickbooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;

/**
 * SalesReceipt rules, Intuit's SalesReceipt entity: a sales form like an invoice (CustomerRef to an active
 * customer, at least one line, amounts and TotalAmt computed, a SubTotal line, DocNumber assigned and unique)
 * paid when it is made, so its Balance is 0 and the customer's Balance does not move. Intuit's API deletes and
 * voids sales receipts.
 */
final class SalesReceiptKind extends SalesFormKind {

  @Override
  public String name() {
    return "SalesReceipt";
  }

  @Override
  public Set<String> readOnlyFields() {
    return Set.of("TotalAmt", "Balance", "HomeBalance", "HomeTotalAmt");
  }

  @Override
  public Set<String> filterableProperties() {
    return Set.of("id", "docnumber", "txndate", "customerref", "totalamt", "metadata.createtime",
        "metadata.lastupdatedtime");
  }

  @Override
  String oneForm() {
    return "a sales receipt";
  }

  @Override
  String settled() {
    return "the payment received with it";
  }

  @Override
  boolean owed() {
    return true;
  }

  @Override
  boolean paidAtOnce() {
    return true;
  }

  @Override
  public boolean voidable() {
    return true;
  }

  /** Void zeroes the lines and the total and notes "Voided", as for invoices and payments (reference §3.3, §3.4). */
  @Override
  public ObjectNode voided(QboCompany company, ObjectNode existing) {
    ObjectNode voided = existing.deepCopy();
    for (JsonNode line : voided.withArray("Line")) {
      ObjectNode lineNode = (ObjectNode) line;
      lineNode.put("Amount", 0.0);
      if (lineNode.has("SalesItemLineDetail")) {
        ((ObjectNode) lineNode.get("SalesItemLineDetail")).put("Qty", 0);
      }
    }
    voided.put("TotalAmt", 0.0);
    voided.put("PrivateNote", "Voided");
    return voided;
  }

  /** A sales receipt has no fields of its own beyond the sales form's. */
  @Override
  void complete(ObjectNode form, ObjectNode existing, LocalDate txnDate, BigDecimal balance) {}
}
