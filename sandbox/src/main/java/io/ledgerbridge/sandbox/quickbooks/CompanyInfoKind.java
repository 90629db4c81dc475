package io.ledgerbridge.sandbox.quickbooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * The company's CompanyInfo, one row (Id 1), readable and queryable. Its {@code Country} (ISO code, e.g. US, GB)
 * picks the sales tax model: US companies tax lines TAX or NON, others name a TaxCode per line. The country is
 * the company's own from sign-up, so an update keeps it.
 */
final class CompanyInfoKind extends CompanySettingKind {
  @Override
  public String name() {
    return "CompanyInfo";
  }

  @Override
  public Set<String> readOnlyFields() {
    return Set.of("Country");
  }

  @Override
  ObjectNode updated(ObjectNode info, ObjectNode existing) {
    info.put("Country", existing.path("Country").asText());
    return info;
  }

  static ObjectNode initial(String realmId, String country) {
    ObjectNode info = io.ledgerbridge.sandbox.http.Json.object();
    info.put("CompanyName", "Sandbox Company " + realmId);
    info.put("Country", country);
    info.putObject("CompanyAddr").put("Country", country);
    return info;
  }
}
