package io.ledgerbridge.sandbox.quickbooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The rules Intuit's sales forms share as entities (reference §3.3): deletable, a unique DocNumber,
 * amounts computed from the lines, a Balance that keeps what was already settled (payments received, credit
 * applied) and may not exceed the new total, and the customer's Balance moved by the form's Balance. A form
 * paid at once (a sales receipt) settles its whole total, so its Balance stays 0 and never moves the customer's; a
 * form without a balance (an estimate) has none.
 */
abstract class SalesFormKind implements EntityKind {
  /** How refusals name one form, e.g. "an invoice". */
  abstract String oneForm();

  /** What was settled against a form, e.g. "the payments applied to it". */
  abstract String settled();

  /** Whether the form's Balance adds to what the customer owes (an invoice) or takes from it (a credit). */
  abstract boolean owed();

  /** Whether the form is paid when it is made (a sales receipt), so all of its total is always settled. */
  boolean paidAtOnce() {
    return false;
  }

  /**
   * Whether the form has a Balance at all: an estimate only proposes a sale, so it has none and never moves
   * the customer's.
   */
  boolean hasBalance() {
    return true;
  }

  /** The form's own fields, once its amounts, TxnDate and tax are in. */
  abstract void complete(ObjectNode form, ObjectNode existing, LocalDate txnDate, BigDecimal balance);

  @Override
  public boolean deletable() {
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
    ObjectNode form = candidate.deepCopy();
    ObjectNode customer = SalesForms.customer(company, form);
    BigDecimal total = SalesForms.computeLines(company, form, oneForm()).add(SalesTax.apply(company, form));
    BigDecimal settledAmount = paidAtOnce() ? total
        : existing == null || !hasBalance() ? BigDecimal.ZERO
        : QboRefs.moneyOrZero(existing.get("TotalAmt")).subtract(QboRefs.moneyOrZero(existing.get("Balance")));
    if (total.compareTo(settledAmount) < 0) {
      throw QboFault.businessValidation("The " + oneForm().substring(oneForm().indexOf(' ') + 1) + " total " + total
          + " is less than " + settled() + " (" + settledAmount + ").");
    }
    QboRefs.putMoney(form, "TotalAmt", total);
    if (hasBalance()) {
      QboRefs.putMoney(form, "Balance", total.subtract(settledAmount));
    } else {
      form.remove("Balance");
    }
    LocalDate txnDate = QboRefs.date(form, "TxnDate", company.time().today());
    form.put("TxnDate", txnDate.toString());
    complete(form, existing, txnDate, total.subtract(settledAmount));
    SalesForms.docNumber(company, company.table(name()), form, existing);
    SalesForms.putDefaults(form, customer);
    QboCurrencies.transaction(company, form, customer);
    return form;
  }

  /** The customer's Balance moves with the form's Balance: up for what is owed, down for a credit. */
  @Override
  public void afterWrite(QboCompany company, ObjectNode before, ObjectNode after, Instant when) {
    if (!hasBalance()) {
      return;
    }
    if (before != null) {
      company.adjustCustomerBalance(before.at("/CustomerRef/value").asText(), owedBy(before).negate());
    }
    if (after != null) {
      company.adjustCustomerBalance(after.at("/CustomerRef/value").asText(), owedBy(after));
    }
  }

  private BigDecimal owedBy(ObjectNode form) {
    BigDecimal balance = QboRefs.moneyOrZero(form.get("Balance"));
    return owed() ? balance : balance.negate();
  }
}
