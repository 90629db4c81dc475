package io.ledgerbridge.sandbox.quickbooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * The company's CompanyInfo, one row (Id 1), readable and queryable. Its {@code Country} (ISO code, e.g. US, GB)
 * picks the sales tax model: US companies tax lines TAX or NON, others name a TaxCode per line. The country is
 * the company's own from sign-up, so an update keeps it.
 */
final class CompanyInfoKind implements EntityKind {
  static final long ID = 1;

  @Override
  public String name() {
    return "CompanyInfo";
  }

  @Override
  public Set<String> readOnlyFields() {
    return Set.of("Country");
  }

  @Override
  public Set<String> filterableProperties() {
    return Set.of("id", "metadata.lastupdatedtime");
  }

  @Override
  public ObjectNode normalize(QboCompany company, ObjectNode candidate, ObjectNode existing) {
    if (existing == null) {
      throw QboFault.unsupportedOperation("Operation Create is not supported for entity CompanyInfo.");
    }
    ObjectNode info = candidate.deepCopy();
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
