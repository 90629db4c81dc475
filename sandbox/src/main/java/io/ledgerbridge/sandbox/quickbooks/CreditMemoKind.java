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
 * no void for them (UNCONFIRMED: the web app voids them), so the sandbox refuses a void.
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
