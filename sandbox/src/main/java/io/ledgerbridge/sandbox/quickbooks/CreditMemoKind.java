package io.ledgerbridge.sandbox.quickbooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;

/**
 * CreditMemo rules, Intuit's CreditMemo entity: a sales form like an invoice (CustomerRef to an active
 * customer, at least one line, amounts and TotalAmt computed, a SubTotal line, DocNumber assigned and unique)
 * without a due date. Balance and RemainingCredit are the credit not yet applied, TotalAmt for a new memo;
 * every change lowers the customer's Balance by the credit. Intuit's API deletes credit memos but documents
 * no void for them (UNCONFIRMED: the web app voids them), so the sandbox refuses a void.
 */
final class CreditMemoKind implements EntityKind {

  @Override
  public String name() {
    return "CreditMemo";
  }

  @Override
  public Set<String> readOnlyFields() {
    return Set.of("TotalAmt", "Balance", "RemainingCredit", "HomeBalance", "HomeTotalAmt");
  }

  @Override
  public Set<String> filterableProperties() {
    return Set.of("id", "docnumber", "txndate", "customerref", "totalamt", "balance", "metadata.createtime",
        "metadata.lastupdatedtime");
  }

  @Override
  public boolean deletable() {
    return true;
  }

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
    ObjectNode memo = candidate.deepCopy();
    ObjectNode customer = SalesForms.customer(company, memo);
    BigDecimal total = SalesForms.computeLines(company, memo, "a credit memo");
    BigDecimal applied = existing == null ? BigDecimal.ZERO
        : QboRefs.moneyOrZero(existing.get("TotalAmt")).subtract(QboRefs.moneyOrZero(existing.get("Balance")));
    if (total.compareTo(applied) < 0) {
      throw QboFault.businessValidation("The credit memo total " + total + " is less than the credit already applied ("
          + applied + ").");
    }
    QboRefs.putMoney(memo, "TotalAmt", total);
    QboRefs.putMoney(memo, "Balance", total.subtract(applied));
    QboRefs.putMoney(memo, "RemainingCredit", total.subtract(applied));
    memo.putObject("TxnTaxDetail").put("TotalTax", 0);
    memo.put("TxnDate", QboRefs.date(memo, "TxnDate", company.time().today()).toString());
    SalesForms.docNumber(company, company.table(name()), memo, existing);
    SalesForms.putDefaults(memo, customer);
    return memo;
  }

  /** The customer's Balance is what it owes: the credit not yet applied lowers it. */
  @Override
  public void afterWrite(QboCompany company, ObjectNode before, ObjectNode after, Instant when) {
    if (before != null) {
      company.adjustCustomerBalance(before.at("/CustomerRef/value").asText(), QboRefs.moneyOrZero(before.get("Balance")));
    }
    if (after != null) {
      company.adjustCustomerBalance(after.at("/CustomerRef/value").asText(), QboRefs.moneyOrZero(after.get("Balance")).negate());
    }
  }
}
