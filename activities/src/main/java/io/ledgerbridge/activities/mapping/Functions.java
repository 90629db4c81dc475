package io.ledgerbridge.activities.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;

/** The named computations a mapping may use where a value is derived from several source fields. */
public final class Functions {
  private Functions() {}

  static String apply(String name, JsonNode record) {
    return switch (name) {
      case "invoiceStatus" -> invoiceStatus(record);
      case "paymentStatus" -> paymentStatus(record);
      default -> throw new IllegalArgumentException("unknown function " + name);
    };
  }

  /** Every value a function can return, for checking them against a picklist. */
  public static List<String> possibleValues(String name) {
    return switch (name) {
      case "invoiceStatus" -> List.of("Open", "Partially Paid", "Paid", "Voided");
      case "paymentStatus" -> List.of("Applied", "Voided");
      default -> throw new IllegalArgumentException("unknown function " + name);
    };
  }

  /** A payment's state: QuickBooks voids a payment by zeroing it and noting "Voided". */
  static String paymentStatus(JsonNode payment) {
    return payment.path("PrivateNote").asText("").startsWith("Voided") ? "Voided" : "Applied";
  }

  /**
   * An invoice's state from its amounts: QuickBooks marks a voided invoice with the note "Voided" and
   * zero amounts; a balance of zero on a positive total means paid.
   */
  static String invoiceStatus(JsonNode invoice) {
    if (invoice.path("PrivateNote").asText("").startsWith("Voided")) {
      return "Voided";
    }
    BigDecimal total = money(invoice.get("TotalAmt"));
    BigDecimal balance = money(invoice.get("Balance"));
    if (total.signum() > 0 && balance.signum() == 0) {
      return "Paid";
    }
    if (balance.signum() > 0 && balance.compareTo(total) < 0) {
      return "Partially Paid";
    }
    return "Open";
  }

  /** A QuickBooks amount; 0 when absent or not a number. */
  static BigDecimal money(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return BigDecimal.ZERO;
    }
    try {
      return new BigDecimal(node.asText());
    } catch (NumberFormatException e) {
      return BigDecimal.ZERO;
    }
  }
}
