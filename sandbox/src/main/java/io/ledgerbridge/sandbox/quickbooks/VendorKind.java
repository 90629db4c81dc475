package io.ledgerbridge.sandbox.quickbooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;

/**
 * Vendor rules, Intuit's Vendor entity: a name-list entity named like a Customer (DisplayName or name parts,
 * unique among the active customers and vendors together), with ids of its own and a read-only Balance.
 */
final class VendorKind extends NameListKind {

  @Override
  public String name() {
    return "Vendor";
  }

  @Override
  public Set<String> readOnlyFields() {
    return Set.of("Balance");
  }

  @Override
  public Set<String> filterableProperties() {
    return Set.of("id", "displayname", "givenname", "familyname", "companyname", "active", "metadata.createtime",
        "metadata.lastupdatedtime");
  }

  @Override
  public ObjectNode normalize(QboCompany company, ObjectNode candidate, ObjectNode existing) {
    ObjectNode vendor = candidate.deepCopy();
    String displayName = checkedDisplayName(vendor);
    putDefault(vendor, "PrintOnCheckName", displayName);
    putDefault(vendor, "Active", true);
    putDefault(vendor, "Vendor1099", false);
    QboCurrencies.nameList(company, vendor, existing, name());
    numberAddresses(company, vendor, existing, List.of("BillAddr"));
    keepBalance(vendor, existing, "Balance");
    return vendor;
  }
}
