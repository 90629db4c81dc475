package io.ledgerbridge.sandbox.quickbooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;

/** Customer rules (reference §3.1): name required and unique, name lengths and characters, derived fields. */
final class CustomerKind extends NameListKind {

  @Override
  public String name() {
    return "Customer";
  }

  @Override
  public Set<String> readOnlyFields() {
    return Set.of("FullyQualifiedName", "Balance", "BalanceWithJobs", "Level");
  }

  @Override
  public Set<String> filterableProperties() {
    return Set.of("id", "displayname", "givenname", "middlename", "familyname", "companyname", "fullyqualifiedname",
        "primaryemailaddr", "active", "balance", "job", "metadata.createtime", "metadata.lastupdatedtime");
  }

  @Override
  public ObjectNode normalize(QboCompany company, ObjectNode candidate, ObjectNode existing) {
    ObjectNode customer = candidate.deepCopy();
    String displayName = checkedDisplayName(customer);
    customer.put("FullyQualifiedName", displayName);
    putDefault(customer, "PrintOnCheckName", displayName);
    putDefault(customer, "Active", true);
    putDefault(customer, "Job", false);
    putDefault(customer, "BillWithParent", false);
    putDefault(customer, "Taxable", false);
    putDefault(customer, "PreferredDeliveryMethod", "Print");
    QboCurrencies.nameList(company, customer, existing, name());
    numberAddresses(company, customer, existing, List.of("BillAddr", "ShipAddr"));
    keepBalance(customer, existing, "Balance");
    keepBalance(customer, existing, "BalanceWithJobs");
    return customer;
  }
}
