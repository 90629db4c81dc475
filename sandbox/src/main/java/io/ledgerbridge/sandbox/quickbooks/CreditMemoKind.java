package io.ledgerbridge.sandbox.quickbooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;

/**
 * CreditMemo rules, Intuit's CreditMemo entity: a sales form like an invoice (CustomerRef to an active
 * customer, at least one line, amounts and TotalAmt computed, a SubTotal line, DocNumber assigned and unique)
 * without a due date. Balance and RemainingCredit are the credit not yet applied, TotalAmt for a new memo;
 * every change lowers the customer's Balance by the credit. Intuit's API deletes credit memos but documents
 * no void for them (UNCONFIRMED: the web app voids them), so the sandbox refuses a void; a credit memo whose credit
 * a payment applied cannot be deleted until that payment is unapplied or voided.
 */
final class CreditMemoKind extends SalesFormKind {

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
  String oneForm() {
    return "a credit memo";
  }

  /** Credit a payment applied (less left than was given) ties the memo to that payment, as an invoice's payments do. */
  @Override
  public void checkDelete(QboCompany company, ObjectNode existing) {
    if (QboRefs.moneyOrZero(existing.get("Balance")).compareTo(QboRefs.moneyOrZero(existing.get("TotalAmt"))) < 0) {
      // Exact QBO wording UNCONFIRMED; QBO refuses to delete a credit memo whose credit payments applied.
      throw QboFault.businessValidation("This credit memo has been applied by payments. Delete or unapply the payments first.");
    }
  }

  @Override
  String settled() {
    return "the credit already applied";
  }

  @Override
  boolean owed() {
    return false;
  }

  /** RemainingCredit is the credit not yet applied, like Balance. */
  @Override
  void complete(ObjectNode form, ObjectNode existing, LocalDate txnDate, BigDecimal balance) {
    QboRefs.putMoney(form, "RemainingCredit", balance);
  }
}
