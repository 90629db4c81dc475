package io.ledgerbridge.sandbox.quickbooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.http.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.Instant;
import java.util.Set;

/**
 * Invoice rules (reference §3.3): CustomerRef and at least one line required; line amounts, TotalAmt and
 * Balance computed; a SubTotal line added; DocNumber assigned and unique. Balance keeps what payments
 * already covered, and every change moves the customer's Balance.
 */
final class InvoiceKind implements EntityKind {
  private static final int DOC_NUMBER_MAX = 21;
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

  /** DocNumber is unique per company; the duplicate code is 6140 (sources conflict with 6210, see reference §4.2). */
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
    return new QboFault(400, QboFault.VALIDATION, "6140", "Duplicate Document Number Error",
        "Duplicate Document Number Error : You must specify a different number. This number has already been used.", "");
  }

  @Override
  public ObjectNode normalize(QboCompany company, ObjectNode candidate, ObjectNode existing) {
    ObjectNode invoice = candidate.deepCopy();
    ObjectNode customer = QboRefs.require(company, invoice.get("CustomerRef"), "Customer", "CustomerRef");
    invoice.set("CustomerRef", QboRefs.refTo(customer, "DisplayName"));
    JsonNode lines = invoice.get("Line");
    if (lines == null || !lines.isArray() || lines.isEmpty()) {
      throw QboFault.requiredParameter("Line");
    }
    ArrayNode computed = Json.array();
    BigDecimal subtotal = BigDecimal.ZERO.setScale(2);
    BigDecimal discount = BigDecimal.ZERO.setScale(2);
    int lineNumber = 0;
    for (JsonNode line : lines) {
      String detailType = line.path("DetailType").asText("");
      if (detailType.equals("SubTotalLineDetail")) {
        continue; // recomputed below
      }
      ObjectNode out = QboRefs.lineObject(line);
      lineNumber++;
      out.put("Id", Integer.toString(lineNumber));
      out.put("LineNum", lineNumber);
      switch (detailType) {
        case "SalesItemLineDetail" -> subtotal = subtotal.add(salesLine(company, out));
        case "DescriptionOnly" -> {
          out.put("Amount", 0);
          out.putObject("DescriptionLineDetail");
          out.put("DetailType", "DescriptionOnly");
        }
        case "DiscountLineDetail" -> discount = discount.add(discountLine(out));
        case "" -> throw QboFault.requiredParameter("Line.DetailType");
        default -> throw QboFault.businessValidation("Line DetailType " + detailType + " is not supported on an invoice.");
      }
      computed.add(out);
    }
    if (lineNumber == 0) {
      throw QboFault.requiredParameter("Line");
    }
    ObjectNode subtotalLine = computed.addObject();
    QboRefs.putMoney(subtotalLine, "Amount", subtotal);
    subtotalLine.put("DetailType", "SubTotalLineDetail");
    subtotalLine.putObject("SubTotalLineDetail");
    invoice.set("Line", computed);
    BigDecimal total = subtotal.subtract(discount).max(BigDecimal.ZERO);
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
    String docNumber = invoice.path("DocNumber").asText("").trim();
    if (docNumber.isEmpty()) {
      docNumber = existing != null && existing.hasNonNull("DocNumber") ? existing.get("DocNumber").asText()
          : company.nextDocNumber(company.table(name()));
    }
    if (docNumber.length() > DOC_NUMBER_MAX) {
      throw QboFault.stringLength("DocNumber", DOC_NUMBER_MAX, docNumber.length());
    }
    invoice.put("DocNumber", docNumber);
    putDefault(invoice, "EmailStatus", "NotSet");
    putDefault(invoice, "PrintStatus", "NotSet");
    if (!invoice.has("ApplyTaxAfterDiscount")) {
      invoice.put("ApplyTaxAfterDiscount", false);
    }
    if (!invoice.has("CurrencyRef")) {
      invoice.putObject("CurrencyRef").put("value", "USD").put("name", "United States Dollar");
    }
    if (!invoice.has("BillAddr") && customer.has("BillAddr")) {
      invoice.set("BillAddr", customer.get("BillAddr").deepCopy());
    }
    if (!invoice.has("BillEmail") && customer.has("PrimaryEmailAddr")) {
      invoice.set("BillEmail", customer.get("PrimaryEmailAddr").deepCopy());
    }
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

  /** Qty x UnitPrice = Amount; whichever is missing is derived, the item's price filling in for UnitPrice. */
  private static BigDecimal salesLine(QboCompany company, ObjectNode line) {
    JsonNode detailNode = line.get("SalesItemLineDetail");
    if (!(detailNode instanceof ObjectNode detail)) {
      throw QboFault.requiredParameter("SalesItemLineDetail");
    }
    ObjectNode item = QboRefs.require(company, detail.get("ItemRef"), "Item", "ItemRef");
    detail.set("ItemRef", QboRefs.refTo(item, "Name"));
    BigDecimal quantity = QboRefs.number(detail.get("Qty"), "Qty");
    BigDecimal unitPrice = QboRefs.number(detail.get("UnitPrice"), "UnitPrice");
    BigDecimal amount = QboRefs.number(line.get("Amount"), "Amount");
    if (amount == null) {
      quantity = quantity == null ? BigDecimal.ONE : quantity;
      unitPrice = unitPrice == null ? new BigDecimal(item.path("UnitPrice").asText("0")) : unitPrice;
      amount = quantity.multiply(unitPrice);
    } else if (quantity != null && unitPrice != null) {
      if (quantity.multiply(unitPrice).setScale(2, RoundingMode.HALF_UP).compareTo(amount.setScale(2, RoundingMode.HALF_UP)) != 0) {
        // Code and wording UNCONFIRMED; QBO checks Amount = Qty x UnitPrice when all three are sent.
        throw new QboFault(400, QboFault.VALIDATION, "6070", "Amount is not equal to UnitPrice * Qty",
            "Amount is not equal to UnitPrice * Qty. Supplied value:" + amount, "");
      }
    } else if (quantity != null && quantity.signum() != 0) {
      unitPrice = amount.divide(quantity, 5, RoundingMode.HALF_UP).stripTrailingZeros();
    } else {
      quantity = BigDecimal.ONE;
      unitPrice = amount;
    }
    detail.put("Qty", quantity);
    detail.put("UnitPrice", unitPrice);
    if (!detail.has("TaxCodeRef")) {
      detail.putObject("TaxCodeRef").put("value", "NON");
    }
    line.put("DetailType", "SalesItemLineDetail");
    BigDecimal rounded = amount.setScale(2, RoundingMode.HALF_UP);
    QboRefs.putMoney(line, "Amount", rounded);
    return rounded;
  }

  private static BigDecimal discountLine(ObjectNode line) {
    BigDecimal amount = QboRefs.number(line.get("Amount"), "Amount");
    if (amount == null) {
      throw QboFault.requiredParameter("Amount");
    }
    QboRefs.putMoney(line, "Amount", amount);
    if (!line.has("DiscountLineDetail")) {
      line.putObject("DiscountLineDetail").put("PercentBased", false);
    }
    return amount.setScale(2, RoundingMode.HALF_UP);
  }

  private static void putDefault(ObjectNode node, String field, String value) {
    if (!node.hasNonNull(field)) {
      node.put(field, value);
    }
  }
}
