package io.ledgerbridge.sandbox.quickbooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.http.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What Intuit's sales forms (Invoice, CreditMemo, SalesReceipt) share (reference §3.3): a CustomerRef to an active
 * customer, at least one line with its amounts computed, a SubTotal line added, a DocNumber assigned and
 * unique, and the defaults the form takes from the company and the customer.
 */
final class SalesForms {
  private static final int DOC_NUMBER_MAX = 21;

  private SalesForms() {}

  /** The form's customer, which must exist and be active; the form's CustomerRef names it. */
  static ObjectNode customer(QboCompany company, ObjectNode form) {
    ObjectNode customer = QboRefs.require(company, form.get("CustomerRef"), "Customer", "CustomerRef");
    form.set("CustomerRef", QboRefs.refTo(customer, "DisplayName"));
    return customer;
  }

  /**
   * Numbers the lines, computes each line's amount, replaces any SubTotal line by one of the new
   * subtotal, and returns the form's total: the subtotal less discounts, never below zero.
   *
   * @param formName how refusals name the form, e.g. "an invoice"
   */
  static BigDecimal computeLines(QboCompany company, ObjectNode form, String formName) {
    JsonNode lines = form.get("Line");
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
        default -> throw QboFault.businessValidation("Line DetailType " + detailType + " is not supported on " + formName + ".");
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
    form.set("Line", computed);
    return subtotal.subtract(discount).max(BigDecimal.ZERO);
  }

  /** The DocNumber sent, the stored one on an update that sends none, or the company's next number. */
  static void docNumber(QboCompany company, EntityTable table, ObjectNode form, ObjectNode existing) {
    String docNumber = form.path("DocNumber").asText("").trim();
    if (docNumber.isEmpty()) {
      docNumber = existing != null && existing.hasNonNull("DocNumber") ? existing.get("DocNumber").asText()
          : company.nextDocNumber(table);
    }
    if (docNumber.length() > DOC_NUMBER_MAX) {
      throw QboFault.stringLength("DocNumber", DOC_NUMBER_MAX, docNumber.length());
    }
    form.put("DocNumber", docNumber);
  }

  /** DocNumber is unique per company and form; the duplicate code is 6140 (sources conflict with 6210, see reference §4.2). */
  static QboFault duplicateDocNumber() {
    return new QboFault(400, QboFault.VALIDATION, "6140", "Duplicate Document Number Error",
        "Duplicate Document Number Error : You must specify a different number. This number has already been used.", "");
  }

  /** What a form takes when the client leaves it out: statuses, the customer's address and email. */
  static void putDefaults(ObjectNode form, ObjectNode customer) {
    putDefault(form, "EmailStatus", "NotSet");
    putDefault(form, "PrintStatus", "NotSet");
    if (!form.has("ApplyTaxAfterDiscount")) {
      form.put("ApplyTaxAfterDiscount", false);
    }
    if (!form.has("BillAddr") && customer.has("BillAddr")) {
      form.set("BillAddr", customer.get("BillAddr").deepCopy());
    }
    if (!form.has("BillEmail") && customer.has("PrimaryEmailAddr")) {
      form.set("BillEmail", customer.get("PrimaryEmailAddr").deepCopy());
    }
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
