package io.ledgerbridge.sandbox.quickbooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;

/** Customer rules (reference §3.1): name required and unique, name lengths and characters, derived fields. */
final class CustomerKind implements EntityKind {

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
  public boolean queriesActiveOnlyByDefault() {
    return true;
  }

  @Override
  public String uniqueKeyProperty() {
    return "displayname";
  }

  @Override
  public String uniqueKey(ObjectNode node) {
    return NameLists.activeDisplayName(node);
  }

  @Override
  public ObjectNode normalize(QboCompany company, ObjectNode candidate, ObjectNode existing) {
    ObjectNode customer = candidate.deepCopy();
    String displayName = NameLists.checkedDisplayName(customer);
    customer.put("FullyQualifiedName", displayName);
    NameLists.putDefault(customer, "PrintOnCheckName", displayName);
    NameLists.putDefault(customer, "Active", true);
    NameLists.putDefault(customer, "Job", false);
    NameLists.putDefault(customer, "BillWithParent", false);
    NameLists.putDefault(customer, "Taxable", false);
    NameLists.putDefault(customer, "PreferredDeliveryMethod", "Print");
    if (!customer.has("CurrencyRef")) {
      customer.putObject("CurrencyRef").put("value", "USD").put("name", "United States Dollar");
    }
    NameLists.numberAddresses(company, customer, existing, List.of("BillAddr", "ShipAddr"));
    NameLists.keepBalance(customer, existing, "Balance");
    NameLists.keepBalance(customer, existing, "BalanceWithJobs");
    return customer;
  }
}
