package io.ledgerbridge.sandbox.quickbooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.http.Json;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Instant;
import java.util.Set;

/**
 * Invoice rules (reference §3.3): CustomerRef and at least one line required; line amounts, TotalAmt and
 * Balance computed; a SubTotal line added; DocNumber assigned and unique. Balance keeps what payments
 * already covered, and every change moves the customer's Balance.
 */
final class InvoiceKind implements EntityKind {
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
  public boolean deletable() {
    return true;
  }

  @Override
  public boolean voidable() {
    return true;
  }

  /** DocNumber is unique per company. */
  @Override
  public String uniqueKeyProperty() {
    return "docnumber";
  }

  @Override
  public String uniqueKey(ObjectNode node) {
    return node.path("DocNumber").asText(null);
  }

  @Override
  public QboFault duplicateFault() {
    return SalesForms.duplicateDocNumber();
  }

  @Override
  public ObjectNode normalize(QboCompany company, ObjectNode candidate, ObjectNode existing) {
    ObjectNode invoice = candidate.deepCopy();
    ObjectNode customer = SalesForms.customer(company, invoice);
    BigDecimal total = SalesForms.computeLines(company, invoice, "an invoice");
    BigDecimal paid = existing == null ? BigDecimal.ZERO
        : QboRefs.moneyOrZero(existing.get("TotalAmt")).subtract(QboRefs.moneyOrZero(existing.get("Balance")));
    if (total.compareTo(paid) < 0) {
      throw QboFault.businessValidation("The invoice total " + total + " is less than the payments applied to it ("
          + paid + ").");
    }
    QboRefs.putMoney(invoice, "TotalAmt", total);
    QboRefs.putMoney(invoice, "Balance", total.subtract(paid));
    invoice.put("Deposit", 0);
    invoice.putObject("TxnTaxDetail").put("TotalTax", 0);
    invoice.set("LinkedTxn", existing == null ? Json.array() : existing.path("LinkedTxn").deepCopy());
    LocalDate txnDate = QboRefs.date(invoice, "TxnDate", company.time().today());
    invoice.put("TxnDate", txnDate.toString());
    invoice.put("DueDate", QboRefs.date(invoice, "DueDate", txnDate.plusDays(DEFAULT_TERMS_DAYS)).toString());
    SalesForms.docNumber(company, company.table(name()), invoice, existing);
    SalesForms.putDefaults(invoice, customer);
    return invoice;
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

  /** The customer's Balance follows the invoice's Balance. */
  @Override
  public void afterWrite(QboCompany company, ObjectNode before, ObjectNode after, Instant when) {
    if (before != null) {
      company.adjustCustomerBalance(before.at("/CustomerRef/value").asText(), QboRefs.moneyOrZero(before.get("Balance")).negate());
    }
    if (after != null) {
      company.adjustCustomerBalance(after.at("/CustomerRef/value").asText(), QboRefs.moneyOrZero(after.get("Balance")));
    }
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
