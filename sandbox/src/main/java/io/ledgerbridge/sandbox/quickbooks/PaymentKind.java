package io.ledgerbridge.sandbox.quickbooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.http.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Payment rules (reference §3.4): CustomerRef and TotalAmt required; each line applies an amount to one of
 * the customer's invoices, never more than its open balance; the rest is UnappliedAmt. Applying lowers the
 * invoice's Balance and links the payment in its LinkedTxn (UNCONFIRMED as an exact rule, but what QBO
 * shows); voiding or deleting the payment undoes that.
 */
final class PaymentKind implements EntityKind {

  @Override
  public String name() {
    return "Payment";
  }

  @Override
  public Set<String> readOnlyFields() {
    return Set.of("UnappliedAmt");
  }

  @Override
  public Set<String> filterableProperties() {
    return Set.of("id", "customerref", "txndate", "totalamt", "metadata.createtime", "metadata.lastupdatedtime");
  }

  @Override
  public boolean deletable() {
    return true;
  }

  @Override
  public boolean voidable() {
    return true;
  }

  @Override
  public ObjectNode normalize(QboCompany company, ObjectNode candidate, ObjectNode existing) {
    ObjectNode payment = candidate.deepCopy();
    ObjectNode customer = QboRefs.require(company, payment.get("CustomerRef"), "Customer", "CustomerRef");
    payment.set("CustomerRef", QboRefs.refTo(customer, "DisplayName"));
    BigDecimal total = QboRefs.number(payment.get("TotalAmt"), "TotalAmt");
    if (total == null) {
      throw QboFault.requiredParameter("TotalAmt");
    }
    if (total.signum() < 0) {
      throw QboFault.businessValidation("The payment amount cannot be negative.");
    }
    if (payment.has("Line") && !payment.get("Line").isArray()) {
      throw QboFault.invalidRequest("Line: must be an array");
    }
    Map<String, BigDecimal> previouslyApplied = applied(existing);
    BigDecimal appliedTotal = BigDecimal.ZERO;
    Set<String> seen = new LinkedHashSet<>();
    ArrayNode lines = Json.array();
    for (JsonNode line : payment.path("Line")) {
      ObjectNode out = QboRefs.lineObject(line);
      BigDecimal amount = QboRefs.number(out.get("Amount"), "Amount");
      if (amount == null) {
        throw QboFault.requiredParameter("Line.Amount");
      }
      JsonNode links = out.path("LinkedTxn");
      if (!links.isArray() || links.size() != 1) {
        throw QboFault.businessValidation("Each payment line must link exactly one transaction.");
      }
      JsonNode link = links.get(0);
      if (!"Invoice".equals(link.path("TxnType").asText())) {
        throw QboFault.businessValidation("The sandbox applies payments to invoices only, not to "
            + link.path("TxnType").asText() + ".");
      }
      String invoiceId = link.path("TxnId").asText("");
      ObjectNode invoice = company.table("Invoice").get(invoiceId);
      if (invoice == null) {
        throw QboFault.invalidReference("LinkedTxn", invoiceId);
      }
      if (!invoice.at("/CustomerRef/value").asText().equals(customer.get("Id").asText())) {
        throw QboFault.businessValidation("Invoice " + invoiceId + " belongs to another customer.");
      }
      if (!seen.add(invoiceId)) {
        throw QboFault.businessValidation("Invoice " + invoiceId + " appears on more than one payment line.");
      }
      BigDecimal open = QboRefs.moneyOrZero(invoice.get("Balance")).add(previouslyApplied.getOrDefault(invoiceId, BigDecimal.ZERO));
      if (amount.compareTo(open) > 0) {
        throw QboFault.businessValidation("The amount applied to invoice " + invoiceId + " (" + amount
            + ") is more than its open balance (" + open + ").");
      }
      QboRefs.putMoney(out, "Amount", amount);
      appliedTotal = appliedTotal.add(amount);
      lines.add(out);
    }
    if (appliedTotal.compareTo(total) > 0) {
      throw QboFault.businessValidation("The amounts applied (" + appliedTotal + ") are more than the payment ("
          + total + ").");
    }
    payment.set("Line", lines);
    QboRefs.putMoney(payment, "TotalAmt", total);
    QboRefs.putMoney(payment, "UnappliedAmt", total.subtract(appliedTotal));
    payment.put("TxnDate", QboRefs.date(payment, "TxnDate", company.time().today()).toString());
    if (!payment.has("ProcessPayment")) {
      payment.put("ProcessPayment", false);
    }
    if (!payment.has("CurrencyRef")) {
      payment.putObject("CurrencyRef").put("value", "USD").put("name", "United States Dollar");
    }
    return payment;
  }

  /** Void zeroes the amounts and notes "Voided" (reference §3.4); afterWrite then releases the invoices. */
  @Override
  public ObjectNode voided(QboCompany company, ObjectNode existing) {
    ObjectNode voided = existing.deepCopy();
    for (JsonNode line : voided.withArray("Line")) {
      ((ObjectNode) line).put("Amount", 0.0);
    }
    voided.put("TotalAmt", 0.0);
    voided.put("UnappliedAmt", 0.0);
    voided.put("PrivateNote", "Voided");
    return voided;
  }

  /** Moves invoice balances and links by what this version applies compared with the previous one. */
  @Override
  public void afterWrite(QboCompany company, ObjectNode before, ObjectNode after, Instant when) {
    Map<String, BigDecimal> old = applied(before);
    Map<String, BigDecimal> now = applied(after);
    Set<String> invoiceIds = new LinkedHashSet<>(old.keySet());
    invoiceIds.addAll(now.keySet());
    String paymentId = (after != null ? after : before).get("Id").asText();
    EntityTable invoices = company.table("Invoice");
    for (String invoiceId : invoiceIds) {
      BigDecimal delta = now.getOrDefault(invoiceId, BigDecimal.ZERO).subtract(old.getOrDefault(invoiceId, BigDecimal.ZERO));
      ObjectNode invoice = invoices.get(invoiceId);
      if (invoice == null) {
        continue;
      }
      ObjectNode changed = invoice.deepCopy();
      QboRefs.putMoney(changed, "Balance", QboRefs.moneyOrZero(invoice.get("Balance")).subtract(delta));
      ArrayNode links = changed.withArray("LinkedTxn");
      removeLink(links, paymentId);
      if (now.getOrDefault(invoiceId, BigDecimal.ZERO).signum() > 0) {
        links.addObject().put("TxnId", paymentId).put("TxnType", "Payment");
      }
      if (!changed.equals(invoice)) {
        company.replaceByServer(invoices, invoice, changed, when);
      }
    }
    if (before != null) {
      company.adjustCustomerBalance(before.at("/CustomerRef/value").asText(), QboRefs.moneyOrZero(before.get("UnappliedAmt")));
    }
    if (after != null) {
      company.adjustCustomerBalance(after.at("/CustomerRef/value").asText(), QboRefs.moneyOrZero(after.get("UnappliedAmt")).negate());
    }
  }

  /** Invoice id to the amount a payment version applies to it. */
  private static Map<String, BigDecimal> applied(ObjectNode payment) {
    Map<String, BigDecimal> amounts = new LinkedHashMap<>();
    if (payment == null) {
      return amounts;
    }
    for (JsonNode line : payment.path("Line")) {
      for (JsonNode link : line.path("LinkedTxn")) {
        if ("Invoice".equals(link.path("TxnType").asText())) {
          amounts.merge(link.path("TxnId").asText(), QboRefs.moneyOrZero(line.get("Amount")), BigDecimal::add);
        }
      }
    }
    return amounts;
  }

  private static void removeLink(ArrayNode links, String paymentId) {
    for (Iterator<JsonNode> it = links.iterator(); it.hasNext(); ) {
      JsonNode link = it.next();
      if ("Payment".equals(link.path("TxnType").asText()) && paymentId.equals(link.path("TxnId").asText())) {
        it.remove();
      }
    }
  }
}
