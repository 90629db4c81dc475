package io.ledgerbridge.sandbox.quickbooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Set;

/**
 * A sales form's tax, by the company's tax model (Intuit, "Manage sales tax for US locales" and "for non-US
 * locales"). A US company marks each sales line TAX or NON (NON when left out) and QuickBooks works out the tax:
 * the sandbox charges {@link #US_RATE_PERCENT} on the TAX lines, its stand-in for the rate automated sales tax
 * finds from the addresses. Elsewhere every sales line names one of the company's TaxCodes and is taxed at its
 * rate. The form's TxnTaxDetail.TotalTax is the tax, which its TotalAmt includes.
 */
final class SalesTax {
  /** The sandbox's automated sales tax rate on US lines marked TAX. */
  static final BigDecimal US_RATE_PERCENT = new BigDecimal("8.25");
  private static final Set<String> US_CODES = Set.of("TAX", "NON");
  private static final BigDecimal HUNDRED = new BigDecimal("100");

  private SalesTax() {}

  /** Checks each sales line's tax code, puts TxnTaxDetail and returns the form's tax. */
  static BigDecimal apply(QboCompany company, ObjectNode form) {
    boolean us = "US".equals(company.country());
    BigDecimal tax = BigDecimal.ZERO;
    for (JsonNode line : form.withArray("Line")) {
      if (!"SalesItemLineDetail".equals(line.path("DetailType").asText())) {
        continue;
      }
      ObjectNode detail = (ObjectNode) line.get("SalesItemLineDetail");
      String code = detail.at("/TaxCodeRef/value").asText("");
      BigDecimal amount = QboRefs.moneyOrZero(line.get("Amount"));
      BigDecimal percent;
      if (us) {
        if (code.isEmpty()) {
          code = "NON";
          detail.putObject("TaxCodeRef").put("value", code);
        }
        if (!US_CODES.contains(code)) {
          throw QboFault.invalidReference("TaxCodeRef", code + " (a US company's lines are TAX or NON)");
        }
        percent = code.equals("TAX") ? US_RATE_PERCENT : BigDecimal.ZERO;
      } else {
        if (code.isEmpty()) {
          // Wording UNCONFIRMED (Intuit answers 6000 with this detail for a line without a VAT/GST code).
          throw QboFault.businessValidation("Make sure all your transactions have a tax rate before you save:"
              + " line " + line.path("LineNum").asText() + " has no TaxCodeRef.");
        }
        ObjectNode taxCode = company.table("TaxCode").get(code);
        if (taxCode == null || !taxCode.path("Active").asBoolean(true)) {
          throw QboFault.invalidReference("TaxCodeRef", code);
        }
        ((ObjectNode) detail.get("TaxCodeRef")).put("name", taxCode.path("Name").asText());
        percent = TaxCodeKind.percentOf(taxCode);
      }
      tax = tax.add(amount.multiply(percent).divide(HUNDRED, 4, RoundingMode.HALF_UP));
    }
    BigDecimal rounded = tax.setScale(2, RoundingMode.HALF_UP);
    ObjectNode detail = form.putObject("TxnTaxDetail");
    QboRefs.putMoney(detail, "TotalTax", rounded);
    return rounded;
  }
}
