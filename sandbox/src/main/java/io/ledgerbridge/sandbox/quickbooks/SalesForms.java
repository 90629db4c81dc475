package io.ledgerbridge.sandbox.quickbooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.http.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.function.Supplier;

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
   * Numbers the lines (a bundle's inner lines get ids of the form's own sequence), computes each line's amount,
   * replaces the trailing SubTotal line (the one QuickBooks adds on reads) by one of the new subtotal, and returns
   * the form's total: item and bundle lines less discounts, never below zero. A bundle's amount is its inner
   * lines'; a percent discount is that percent of the lines above it; a SubTotal line within the form sums the
   * item and bundle lines since the previous one; a description-only line has no amount.
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
    BigDecimal sinceSubtotal = BigDecimal.ZERO.setScale(2);
    BigDecimal discount = BigDecimal.ZERO.setScale(2);
    int[] lineId = {0};
    int lineNumber = 0;
    for (int index = 0; index < lines.size(); index++) {
      JsonNode line = lines.get(index);
      String detailType = line.path("DetailType").asText("");
      if (detailType.equals("SubTotalLineDetail") && index == lines.size() - 1) {
        continue; // QuickBooks' own subtotal, recomputed below
      }
      ObjectNode out = QboRefs.lineObject(line);
      lineNumber++;
      out.put("Id", Integer.toString(++lineId[0]));
      out.put("LineNum", lineNumber);
      switch (detailType) {
        case "SalesItemLineDetail" -> {
          BigDecimal amount = salesLine(company, out);
          subtotal = subtotal.add(amount);
          sinceSubtotal = sinceSubtotal.add(amount);
        }
        case "GroupLineDetail" -> {
          BigDecimal amount = groupLine(company, out, () -> Integer.toString(++lineId[0]));
          subtotal = subtotal.add(amount);
          sinceSubtotal = sinceSubtotal.add(amount);
        }
        case "DescriptionOnly" -> {
          out.put("Amount", 0);
          out.remove(List.of("SalesItemLineDetail", "DiscountLineDetail", "GroupLineDetail"));
          if (!out.has("DescriptionLineDetail")) {
            out.putObject("DescriptionLineDetail");
          }
        }
        case "DiscountLineDetail" -> discount = discount.add(discountLine(out, subtotal));
        case "SubTotalLineDetail" -> {
          QboRefs.putMoney(out, "Amount", sinceSubtotal);
          out.set("SubTotalLineDetail", Json.object());
          sinceSubtotal = BigDecimal.ZERO.setScale(2);
        }
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

  /**
   * A bundle line: GroupItemRef names an Item of Type Group; its inner lines are the ones sent, or else the
   * bundle's own items times its Quantity, each an item line with an id of the form's sequence. Its amount is
   * theirs; a bundle holds item lines only.
   */
  private static BigDecimal groupLine(QboCompany company, ObjectNode line, Supplier<String> nextId) {
    JsonNode detailNode = line.get("GroupLineDetail");
    if (!(detailNode instanceof ObjectNode detail)) {
      throw QboFault.requiredParameter("GroupLineDetail");
    }
    ObjectNode bundle = QboRefs.require(company, detail.get("GroupItemRef"), "Item", "GroupItemRef");
    if (!bundle.path("Type").asText().equals("Group")) {
      throw QboFault.businessValidation("GroupItemRef " + bundle.get("Id").asText() + " is not a bundle (an Item of Type Group).");
    }
    detail.set("GroupItemRef", QboRefs.refTo(bundle, "Name"));
    BigDecimal quantity = QboRefs.number(detail.get("Quantity"), "Quantity");
    quantity = quantity == null ? BigDecimal.ONE : quantity;
    detail.put("Quantity", quantity);
    JsonNode sent = detail.get("Line");
    ArrayNode inner = sent != null && sent.isArray() && !sent.isEmpty() ? (ArrayNode) sent : bundleItems(bundle, quantity);
    ArrayNode computed = Json.array();
    BigDecimal amount = BigDecimal.ZERO.setScale(2);
    int innerNumber = 0;
    for (JsonNode innerLine : inner) {
      ObjectNode out = QboRefs.lineObject(innerLine);
      if (!out.path("DetailType").asText().equals("SalesItemLineDetail")) {
        throw QboFault.businessValidation("A bundle's lines are item lines (SalesItemLineDetail), not "
            + out.path("DetailType").asText("lines without a DetailType") + ".");
      }
      out.put("Id", nextId.get());
      out.put("LineNum", ++innerNumber);
      amount = amount.add(salesLine(company, out));
      computed.add(out);
    }
    detail.set("Line", computed);
    QboRefs.putMoney(line, "Amount", amount);
    return amount;
  }

  /** A bundle's items as item lines, each of its ItemGroupLine quantities times the bundle's quantity. */
  private static ArrayNode bundleItems(ObjectNode bundle, BigDecimal quantity) {
    ArrayNode lines = Json.array();
    for (JsonNode item : bundle.at("/ItemGroupDetail/ItemGroupLine")) {
      ObjectNode line = lines.addObject();
      line.put("DetailType", "SalesItemLineDetail");
      ObjectNode detail = line.putObject("SalesItemLineDetail");
      detail.set("ItemRef", item.get("ItemRef").deepCopy());
      detail.put("Qty", new BigDecimal(item.path("Qty").asText("1")).multiply(quantity));
    }
    return lines;
  }

  /** A discount: its Amount, or DiscountPercent of {@code above} (the item and bundle lines above it) when PercentBased. */
  private static BigDecimal discountLine(ObjectNode line, BigDecimal above) {
    JsonNode detailNode = line.get("DiscountLineDetail");
    ObjectNode detail = detailNode instanceof ObjectNode object ? object : line.putObject("DiscountLineDetail");
    BigDecimal amount;
    if (detail.path("PercentBased").asBoolean(false)) {
      BigDecimal percent = QboRefs.number(detail.get("DiscountPercent"), "DiscountPercent");
      if (percent == null) {
        throw QboFault.requiredParameter("DiscountPercent");
      }
      amount = above.multiply(percent).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
    } else {
      amount = QboRefs.number(line.get("Amount"), "Amount");
      if (amount == null) {
        throw QboFault.requiredParameter("Amount");
      }
      detail.put("PercentBased", false);
    }
    QboRefs.putMoney(line, "Amount", amount);
    return amount.setScale(2, RoundingMode.HALF_UP);
  }

  private static void putDefault(ObjectNode node, String field, String value) {
    if (!node.hasNonNull(field)) {
      node.put(field, value);
    }
  }
}
