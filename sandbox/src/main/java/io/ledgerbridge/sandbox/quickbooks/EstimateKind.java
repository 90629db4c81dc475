package io.ledgerbridge.sandbox.quickbooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * Estimate rules, Intuit's Estimate entity: a sales form like an invoice (CustomerRef to an active customer, at
 * least one line, amounts and TotalAmt computed, a SubTotal line, DocNumber assigned and unique) that only
 * proposes a sale: it has no Balance and moves no customer's. TxnStatus is Pending when none is sent, and one of
 * Pending, Accepted, Closed (QuickBooks sets it when the estimate becomes an invoice) and Rejected; ExpirationDate
 * is optional. Intuit's API deletes estimates but does not void them.
 */
final class EstimateKind extends SalesFormKind {
  static final List<String> STATUSES = List.of("Pending", "Accepted", "Closed", "Rejected");

  @Override
  public String name() {
    return "Estimate";
  }

  @Override
  public Set<String> readOnlyFields() {
    return Set.of("TotalAmt", "HomeTotalAmt");
  }

  @Override
  public Set<String> filterableProperties() {
    return Set.of("id", "docnumber", "txndate", "customerref", "totalamt", "txnstatus", "expirationdate",
        "metadata.createtime", "metadata.lastupdatedtime");
  }

  @Override
  String oneForm() {
    return "an estimate";
  }

  @Override
  String settled() {
    return "nothing";
  }

  @Override
  boolean owed() {
    return true;
  }

  @Override
  boolean hasBalance() {
    return false;
  }

  /** TxnStatus defaults to Pending (an update sending none keeps the stored one); ExpirationDate must be a date. */
  @Override
  void complete(ObjectNode form, ObjectNode existing, LocalDate txnDate, BigDecimal balance) {
    String status = form.path("TxnStatus").asText("");
    if (status.isEmpty()) {
      status = existing != null && existing.hasNonNull("TxnStatus") ? existing.get("TxnStatus").asText() : "Pending";
    }
    if (!STATUSES.contains(status)) {
      throw QboFault.businessValidation("TxnStatus " + status + " is not one of " + String.join(", ", STATUSES) + ".");
    }
    form.put("TxnStatus", status);
    if (form.hasNonNull("ExpirationDate")) {
      form.put("ExpirationDate", QboRefs.date(form, "ExpirationDate", null).toString());
    }
  }
}
