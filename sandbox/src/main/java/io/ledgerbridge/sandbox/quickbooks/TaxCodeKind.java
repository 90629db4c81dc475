package io.ledgerbridge.sandbox.quickbooks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.http.Json;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * TaxCode (Intuit's "Manage sales tax for non-US locales"): readable and queryable, made by the TaxService
 * endpoint, which the sandbox does not simulate, so the codes are seeded with the company by its country. Each
 * names its sales rate in {@code SalesTaxRateList}; the sandbox taxes a line at that rate. US companies tax lines
 * with the pseudo-codes TAX and NON, which are not TaxCode rows.
 */
final class TaxCodeKind implements EntityKind {
  /** One seeded code: its Id, name and sales rate in percent. */
  record Code(long id, String name, BigDecimal percent) {}

  @Override
  public String name() {
    return "TaxCode";
  }

  @Override
  public Set<String> readOnlyFields() {
    return Set.of();
  }

  @Override
  public Set<String> filterableProperties() {
    return Set.of("id", "name", "active", "metadata.lastupdatedtime");
  }

  @Override
  public boolean queriesActiveOnlyByDefault() {
    return true;
  }

  @Override
  public String uniqueKey(ObjectNode node) {
    return node.path("Name").asText(null);
  }

  @Override
  public String uniqueKeyProperty() {
    return "name";
  }

  @Override
  public ObjectNode normalize(QboCompany company, ObjectNode candidate, ObjectNode existing) {
    throw QboFault.unsupportedOperation("Operation " + (existing == null ? "Create" : "Update")
        + " is not supported for entity TaxCode; tax codes are made with the TaxService endpoint.");
  }

  /** The codes a company of this country starts with; none for the US, whose lines say TAX or NON. */
  static List<Code> seededFor(String country) {
    return switch (country) {
      case "US" -> List.of();
      case "GB" -> List.of(new Code(3, "20.0% S", new BigDecimal("20")), new Code(4, "5.0% R", new BigDecimal("5")),
          new Code(5, "0.0% Z", BigDecimal.ZERO), new Code(6, "Exempt", BigDecimal.ZERO));
      case "CA" -> List.of(new Code(3, "GST", new BigDecimal("5")), new Code(4, "HST ON", new BigDecimal("13")),
          new Code(5, "Exempt", BigDecimal.ZERO));
      case "AU" -> List.of(new Code(3, "GST", new BigDecimal("10")), new Code(4, "GST free", BigDecimal.ZERO));
      default -> List.of(new Code(3, "Standard", new BigDecimal("20")), new Code(4, "Reduced", new BigDecimal("10")),
          new Code(5, "Zero-rated", BigDecimal.ZERO));
    };
  }

  static ObjectNode row(Code code) {
    ObjectNode row = Json.object();
    row.put("Name", code.name());
    row.put("Description", code.name());
    row.put("Active", true);
    row.put("Taxable", code.percent().signum() > 0);
    row.put("TaxGroup", false);
    ArrayNode details = row.putObject("SalesTaxRateList").putArray("TaxRateDetail");
    ObjectNode detail = details.addObject();
    detail.putObject("TaxRateRef").put("value", Long.toString(code.id())).put("name", code.name());
    detail.put("RateValue", code.percent());
    detail.put("TaxTypeApplicable", "TaxOnAmount");
    detail.put("TaxOrder", 0);
    row.putObject("PurchaseTaxRateList").putArray("TaxRateDetail");
    return row;
  }

  /** The sales rate of a TaxCode row, in percent. */
  static BigDecimal percentOf(ObjectNode row) {
    BigDecimal percent = BigDecimal.ZERO;
    for (var detail : row.at("/SalesTaxRateList/TaxRateDetail")) {
      percent = percent.add(new BigDecimal(detail.path("RateValue").asText("0")));
    }
    return percent;
  }
}
