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
 * the customer's invoices or credit memos, never more than its open balance (a credit memo's is the credit
 * not yet applied). The credit pays invoices along with the money, so TotalAmt is what the invoice lines
 * take less what the credit memo lines give, and the rest is UnappliedAmt (QuickBooks' Receive Payment:
 * a payment of 0 that applies a credit memo to an invoice is how a credit is applied). Applying lowers the
 * invoice's or credit memo's Balance and links the payment in an invoice's LinkedTxn (UNCONFIRMED as an
 * exact rule, but what QBO shows); voiding or deleting the payment undoes that.
 */
final class PaymentKind implements EntityKind {
  /** The transactions a payment line may apply to. */
  private static final Set<String> APPLIES_TO = Set.of("Invoice", "CreditMemo");

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
    Map<Applied, BigDecimal> previouslyApplied = applied(existing);
    BigDecimal invoicesPaid = BigDecimal.ZERO;
    BigDecimal creditUsed = BigDecimal.ZERO;
    Set<Applied> seen = new LinkedHashSet<>();
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
      String type = link.path("TxnType").asText();
      if (!APPLIES_TO.contains(type)) {
        throw QboFault.businessValidation("The sandbox applies payments to invoices and credit memos only, not to "
            + type + ".");
      }
      Applied to = new Applied(type, link.path("TxnId").asText(""));
      ObjectNode transaction = company.table(type).get(to.id());
      if (transaction == null) {
        throw QboFault.invalidReference("LinkedTxn", to.id());
      }
      if (!transaction.at("/CustomerRef/value").asText().equals(customer.get("Id").asText())) {
        throw QboFault.businessValidation(type + " " + to.id() + " belongs to another customer.");
      }
      if (!seen.add(to)) {
        throw QboFault.businessValidation(type + " " + to.id() + " appears on more than one payment line.");
      }
      BigDecimal open = QboRefs.moneyOrZero(transaction.get("Balance")).add(previouslyApplied.getOrDefault(to, BigDecimal.ZERO));
      if (amount.compareTo(open) > 0) {
        throw QboFault.businessValidation("The amount applied to " + type + " " + to.id() + " (" + amount
            + ") is more than its open balance (" + open + ").");
      }
      QboRefs.putMoney(out, "Amount", amount);
      if (to.isCredit()) {
        creditUsed = creditUsed.add(amount);
      } else {
        invoicesPaid = invoicesPaid.add(amount);
      }
      lines.add(out);
    }
    if (creditUsed.compareTo(invoicesPaid) > 0) {
      throw QboFault.businessValidation("The credit applied (" + creditUsed + ") is more than the invoices it pays ("
          + invoicesPaid + ").");
    }
    BigDecimal appliedTotal = invoicesPaid.subtract(creditUsed);
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
    QboCurrencies.transaction(company, payment, customer);
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

  /** Moves invoice and credit memo balances, and invoice links, by what this version applies compared with the previous one. */
  @Override
  public void afterWrite(QboCompany company, ObjectNode before, ObjectNode after, Instant when) {
    Map<Applied, BigDecimal> old = applied(before);
    Map<Applied, BigDecimal> now = applied(after);
    Set<Applied> transactions = new LinkedHashSet<>(old.keySet());
    transactions.addAll(now.keySet());
    String paymentId = (after != null ? after : before).get("Id").asText();
    for (Applied to : transactions) {
      BigDecimal delta = now.getOrDefault(to, BigDecimal.ZERO).subtract(old.getOrDefault(to, BigDecimal.ZERO));
      EntityTable table = company.table(to.type());
      ObjectNode transaction = table.get(to.id());
      if (transaction == null) {
        continue;
      }
      ObjectNode changed = transaction.deepCopy();
      BigDecimal balance = QboRefs.moneyOrZero(transaction.get("Balance")).subtract(delta);
      QboRefs.putMoney(changed, "Balance", balance);
      if (to.isCredit()) {
        QboRefs.putMoney(changed, "RemainingCredit", balance);
      } else {
        ArrayNode links = changed.withArray("LinkedTxn");
        removeLink(links, paymentId);
        if (now.getOrDefault(to, BigDecimal.ZERO).signum() > 0) {
          links.addObject().put("TxnId", paymentId).put("TxnType", "Payment");
        }
      }
      if (!changed.equals(transaction)) {
        company.replaceByServer(table, transaction, changed, when);
      }
    }
    if (before != null) {
      company.adjustCustomerBalance(before.at("/CustomerRef/value").asText(), QboRefs.moneyOrZero(before.get("UnappliedAmt")));
    }
    if (after != null) {
      company.adjustCustomerBalance(after.at("/CustomerRef/value").asText(), QboRefs.moneyOrZero(after.get("UnappliedAmt")).negate());
    }
  }

  /** The invoice or credit memo a payment line applies to. */
  private record Applied(String type, String id) {
    boolean isCredit() {
      return type.equals("CreditMemo");
    }
  }

  /** What a payment version applies to each invoice and credit memo. */
  private static Map<Applied, BigDecimal> applied(ObjectNode payment) {
    Map<Applied, BigDecimal> amounts = new LinkedHashMap<>();
    if (payment == null) {
      return amounts;
    }
    for (JsonNode line : payment.path("Line")) {
      for (JsonNode link : line.path("LinkedTxn")) {
        String type = link.path("TxnType").asText();
        if (APPLIES_TO.contains(type)) {
          amounts.merge(new Applied(type, link.path("TxnId").asText()), QboRefs.moneyOrZero(line.get("Amount")), BigDecimal::add);
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
