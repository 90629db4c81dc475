package io.ledgerbridge.sandbox.quickbooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.http.Json;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;

/**
 * Invoice rules (reference §3.3): CustomerRef and at least one line required; line amounts, TotalAmt and
 * Balance computed; a SubTotal line added; DocNumber assigned and unique. Balance keeps what payments
 * already covered, and every change moves the customer's Balance.
 */
final class InvoiceKind extends SalesFormKind {
  /** Net 30 when the client sends no DueDate (the sandbox company's default terms). */
  private static final int DEFAULT_TERMS_DAYS = 30;

  @Override
  public String name() {
    return "Invoice";
  }

  @Override
  public Set<String> readOnlyFields() {
    return Set.of("TotalAmt", "Balance", "LinkedTxn", "HomeBalance", "HomeTotalAmt");
  }

  @Override
  public Set<String> filterableProperties() {
    return Set.of("id", "docnumber", "txndate", "duedate", "customerref", "totalamt", "balance", "metadata.createtime",
        "metadata.lastupdatedtime");
  }

  @Override
  public boolean voidable() {
    return true;
  }

  @Override
  String oneForm() {
    return "an invoice";
  }

  @Override
  String settled() {
    return "the payments applied to it";
  }

  @Override
  boolean owed() {
    return true;
  }

  /** Deposit, the payments linked so far, and DueDate (the company's terms unless sent). */
  @Override
  void complete(ObjectNode form, ObjectNode existing, LocalDate txnDate, BigDecimal balance) {
    form.put("Deposit", 0);
    form.set("LinkedTxn", existing == null ? Json.array() : existing.path("LinkedTxn").deepCopy());
    form.put("DueDate", QboRefs.date(form, "DueDate", txnDate.plusDays(DEFAULT_TERMS_DAYS)).toString());
  }

  @Override
  public void checkDelete(QboCompany company, ObjectNode existing) {
    if (hasPayments(existing)) {
      // Exact QBO wording UNCONFIRMED; QBO refuses to delete or void an invoice that payments are applied to.
      throw QboFault.businessValidation("This invoice has payments applied. Delete or unapply the payments first.");
    }
  }

  @Override
  public ObjectNode voided(QboCompany company, ObjectNode existing) {
    checkDelete(company, existing);
    ObjectNode voided = existing.deepCopy();
    for (JsonNode line : voided.withArray("Line")) {
      ObjectNode lineNode = (ObjectNode) line;
      lineNode.put("Amount", 0.0);
      if (lineNode.has("SalesItemLineDetail")) {
        ((ObjectNode) lineNode.get("SalesItemLineDetail")).put("Qty", 0);
      }
    }
    voided.put("TotalAmt", 0.0);
    voided.put("Balance", 0.0);
    voided.put("PrivateNote", "Voided");
    return voided;
  }

  static boolean hasPayments(ObjectNode invoice) {
    for (JsonNode link : invoice.path("LinkedTxn")) {
      if ("Payment".equals(link.path("TxnType").asText())) {
        return true;
      }
    }
    return false;
  }
}
